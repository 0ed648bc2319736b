"""What the tabs and dialogs share: the banner, and the colour of hints."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QToolButton, QWidget

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
