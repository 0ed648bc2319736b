"""Small widgets of the main window: the banner, the first-run page and the subfolder list."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.files.folder_listing import Subfolder
from desktop_app.gui.icons import themed
from desktop_app.gui.text_format import printable

BANNER_STYLES = {
    "warning": "background: #fdf0c2; border: 1px solid #e5c65c; color: #3d3000;",
    "error": "background: #fbe3e4; border: 1px solid #e8a0a4; color: #5c0d12;",
    "info": "background: #e3eefb; border: 1px solid #9fc0ea; color: #0c2d57;",
}
BANNER_ICONS = {
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
}

HINT_COLOR = "#5f6368"
Action = tuple[str, Callable[[], None]]


class Banner(QFrame):
    """A message across the top of the window with buttons; hidden until shown."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{kind}Banner")
        self.setStyleSheet(f"#{kind}Banner {{ {BANNER_STYLES[kind]} border-radius: 4px; }}"
                           "QLabel { background: transparent; border: none; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(BANNER_ICONS[kind]).pixmap(20, 20))
        layout.addWidget(icon)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self._buttons = QHBoxLayout()
        layout.addLayout(self._buttons)
        close = QToolButton()
        close.setAutoRaise(True)
        close.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        close.setToolTip("Dismiss")
        close.clicked.connect(self.hide)
        layout.addWidget(close)
        self.hide()

    def show_message(self, text: str, actions: Sequence[Action] = ()) -> None:
        """Show `text` with one button per (label, callback)."""
        self.label.setText(text)
        while self._buttons.count():
            self._buttons.takeAt(0).widget().deleteLater()
        for label, callback in actions:
            button = QPushButton(label)
            button.clicked.connect(callback)
            self._buttons.addWidget(button)
        self.show()


class WelcomePage(QWidget):
    """What the window shows before a folder is open."""

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
        hint.setStyleSheet(f"color: {HINT_COLOR};")
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


class FolderList(QListWidget):
    """The folders inside the open one; a click enters one."""

    entered = Signal(object)  # a path (not str: that would cut a name that is not UTF-8)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icon: QIcon = themed(("folder",), QStyle.StandardPixmap.SP_DirIcon)
        self._paths: list[str] = []  # by row: Qt's item data would mangle paths that are not UTF-8
        self.itemClicked.connect(self._enter)
        self.itemActivated.connect(self._enter)

    def set_folders(self, folders: Sequence[Subfolder]) -> None:
        self.clear()
        self._paths = [folder.path for folder in folders]
        for folder in folders:
            item = QListWidgetItem(self._icon, printable(folder.name))
            item.setToolTip(f"Open {printable(folder.name)}")
            self.addItem(item)
        if not folders:
            item = QListWidgetItem("No folders inside")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(item)

    def _enter(self, item: QListWidgetItem) -> None:
        row = self.row(item)
        if 0 <= row < len(self._paths):
            self.entered.emit(self._paths[row])
