"""Making the window's actions: text, slot, shortcut and a themed icon in one call."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle

from desktop_app.gui.icons import themed


def make_action(parent: QObject, text: str, slot: Callable[..., object],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None, icons: tuple[str, ...] = (),
                fallback: QStyle.StandardPixmap | None = None, checkable: bool = False) -> QAction:
    """An action that calls `slot` when triggered; its icon is the first of `icons` the theme has, else `fallback`."""
    action = QAction(text, parent)
    if icons or fallback is not None:
        action.setIcon(themed(icons, fallback or QStyle.StandardPixmap.SP_FileIcon))
    if shortcut is not None:
        set_shortcut(action, shortcut)
    action.setCheckable(checkable)
    action.triggered.connect(slot)
    return action


def set_shortcut(action: QAction, shortcut: QKeySequence | QKeySequence.StandardKey | str) -> None:
    """Give `action` its shortcut: a standard key with every binding of the platform (GNOME's Refresh is Ctrl+R and
    F5), else the one sequence."""
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)
    else:
        action.setShortcut(QKeySequence(shortcut))
