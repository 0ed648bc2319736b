"""Every keyboard shortcut of the window, in one table, so that none lands on another's keys on any platform.

Standard keys resolve per platform (Refresh is F5 on Windows and KDE, Ctrl+R and F5 on GNOME and macOS), so the
fixed sequences avoid what any platform binds: Regenerate is Ctrl+Shift+R, not Ctrl+R (Refresh on GNOME and
macOS), and Show Hidden Files is Ctrl+Shift+H, not Ctrl+H (Cmd+H hides the application on macOS).
"""
from __future__ import annotations

from PySide6.QtGui import QKeySequence

Shortcut = QKeySequence.StandardKey | str
Key = QKeySequence.StandardKey

OPEN: Shortcut = Key.Open
SHOW_HIDDEN: Shortcut = "Ctrl+Shift+H"
SETTINGS: Shortcut = Key.Preferences
QUIT: Shortcut = Key.Quit
UP: Shortcut = "Alt+Up"
REFRESH: Shortcut = Key.Refresh
EDIT: Shortcut = "F2"
OPEN_FILE: Shortcut = "Ctrl+Return"
REVEAL: Shortcut = "Ctrl+Alt+R"
COPY: Shortcut = Key.Copy
REGENERATE: Shortcut = "Ctrl+Shift+R"
FIND: Shortcut = Key.Find
UNDO: Shortcut = Key.Undo
REDO: Shortcut = Key.Redo
CANCEL_QUESTION: Shortcut = "Esc"  # only while the Q&A panel has the focus

ALL: dict[str, Shortcut] = {
    "open": OPEN, "show_hidden": SHOW_HIDDEN, "settings": SETTINGS, "quit": QUIT, "up": UP, "refresh": REFRESH,
    "edit": EDIT, "open_file": OPEN_FILE, "reveal": REVEAL, "copy": COPY, "regenerate": REGENERATE, "find": FIND,
    "undo": UNDO, "redo": REDO, "cancel_question": CANCEL_QUESTION,
}
