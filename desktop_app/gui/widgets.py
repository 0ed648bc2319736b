"""What the tabs and dialogs share: the banner."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QToolButton, QWidget

from desktop_app.gui.colors import AMBER, RED, tinted

BANNER_HUES = {"warning": AMBER, "error": RED, "info": None}  # None: the palette's highlight
BANNER_ICONS = {
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
}
Action = tuple[str, Callable[[], None]]


def banner_style(palette: QPalette, kind: str) -> str:
    """The banner's colours: a faint tint of its hue over the base colour, a stronger border, the text colour."""
    hue = BANNER_HUES[kind] or palette.color(QPalette.ColorRole.Highlight)
    return (f"background: {tinted(palette, hue).name()}; border: 1px solid {tinted(palette, hue, 0.55).name()}; "
            f"color: {palette.color(QPalette.ColorRole.Text).name()};")


class Banner(QFrame):
    """A message across the top of the window with buttons; hidden until shown."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{kind}Banner")
        self.setStyleSheet(f"#{kind}Banner {{ {banner_style(self.palette(), kind)} border-radius: 4px; }}"
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
