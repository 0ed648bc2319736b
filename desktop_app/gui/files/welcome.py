"""What the Files tab shows before a folder is open: a button to open one and the recent folders."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStyle, QVBoxLayout, QWidget

from desktop_app.gui.colors import hint_color
from desktop_app.gui.icons import themed


class WelcomePage(QWidget):
    """What the Files tab shows before a folder is open."""

    open_requested = Signal()
    recent_requested = Signal(object)  # a path (not str: that would cut a name that is not UTF-8)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        title = QLabel("Open a folder to see its files described")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        hint = QLabel("Descriptions are written from the file names by a local model; no file is opened or sent "
                      "anywhere.\nCorrect any description in place: your wording is kept and teaches the model.")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet(f"color: {hint_color()};")
        layout.addWidget(hint)
        button = QPushButton(themed(("document-open", "folder-open"), QStyle.StandardPixmap.SP_DirOpenIcon),
                             "Open Folder…")
        button.clicked.connect(self.open_requested)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(button)
        row.addStretch()
        layout.addLayout(row)
        self._recent = QVBoxLayout()
        layout.addLayout(self._recent)
        layout.addStretch(3)

    def set_recent(self, folders: Sequence[tuple[str, str]]) -> None:
        """(path, shown name) of recent folders, offered as links."""
        while self._recent.count():
            self._recent.takeAt(0).widget().deleteLater()
        for path, shown in folders:
            link = QPushButton(shown)
            link.setFlat(True)
            link.setCursor(Qt.CursorShape.PointingHandCursor)
            link.setStyleSheet("color: palette(link); text-decoration: underline;")
            link.clicked.connect(lambda _=False, p=path: self.recent_requested.emit(p))
            self._recent.addWidget(link, 0, Qt.AlignmentFlag.AlignHCenter)
