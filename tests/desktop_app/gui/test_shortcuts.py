"""No two of the window's shortcuts share keys, on this platform and under the key bindings of the others."""
from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtGui import QAction, QKeySequence, QShortcut

from desktop_app.gui import shortcuts

Key = QKeySequence.StandardKey
# Qt's key bindings of the standard keys the window uses (qplatformtheme.cpp), by platform; "Ctrl" is Cmd on macOS.
BINDINGS: dict[str, dict[QKeySequence.StandardKey, list[str]]] = {
    "gnome": {Key.Open: ["Ctrl+O"], Key.Refresh: ["Ctrl+R", "F5"], Key.Preferences: [], Key.Quit: ["Ctrl+Q"],
              Key.Copy: ["Ctrl+C", "Ctrl+Ins", "F16"], Key.Find: ["Ctrl+F"], Key.Undo: ["Ctrl+Z", "F14"],
              Key.Redo: ["Ctrl+Shift+Z"]},
    "kde": {Key.Open: ["Ctrl+O"], Key.Refresh: ["F5"], Key.Preferences: ["Ctrl+Shift+,"], Key.Quit: ["Ctrl+Q"],
            Key.Copy: ["Ctrl+C", "Ctrl+Ins", "F16"], Key.Find: ["Ctrl+F"], Key.Undo: ["Ctrl+Z", "F14"],
            Key.Redo: ["Ctrl+Shift+Z"]},
    "macos": {Key.Open: ["Ctrl+O"], Key.Refresh: ["Ctrl+R", "F5"], Key.Preferences: ["Ctrl+,"], Key.Quit: ["Ctrl+Q"],
              Key.Copy: ["Ctrl+C"], Key.Find: ["Ctrl+F"], Key.Undo: ["Ctrl+Z"], Key.Redo: ["Ctrl+Shift+Z"]},
    "windows": {Key.Open: ["Ctrl+O"], Key.Refresh: ["F5"], Key.Preferences: [], Key.Quit: [],
                Key.Copy: ["Ctrl+C", "Ctrl+Ins"], Key.Find: ["Ctrl+F"], Key.Undo: ["Ctrl+Z", "Alt+Backspace"],
                Key.Redo: ["Ctrl+Y", "Shift+Alt+Backspace"]},
}
# What the desktop keeps for itself before the window sees it.
RESERVED = {
    "gnome": ["Alt+F4", "Alt+Tab", "Ctrl+Alt+T", "Ctrl+Alt+L", "Ctrl+Alt+Del", "Ctrl+Alt+Up", "Ctrl+Alt+Down"],
    "kde": ["Alt+F4", "Alt+Tab", "Ctrl+Alt+L", "Ctrl+Alt+Del", "Ctrl+F1", "Ctrl+F2", "Ctrl+F3", "Ctrl+F4"],
    "macos": ["Ctrl+H", "Ctrl+Alt+H", "Ctrl+M", "Ctrl+Tab", "Ctrl+Space", "Ctrl+Alt+D", "Ctrl+Alt+Esc"],
    "windows": ["Alt+F4", "Alt+Tab", "Ctrl+Esc", "Ctrl+Alt+Del"],
}


def sequences_on(platform: str, shortcut: shortcuts.Shortcut) -> list[str]:
    """The key sequences `shortcut` stands for under `platform`'s bindings, in portable text."""
    texts = BINDINGS[platform][shortcut] if isinstance(shortcut, QKeySequence.StandardKey) else [shortcut]
    return [QKeySequence(text).toString() for text in texts]


def clashes(sequences: list[str]) -> list[str]:
    """The sequences that occur more than once."""
    return [text for text, count in Counter(sequences).items() if count > 1]


@pytest.mark.parametrize("platform", sorted(BINDINGS))
def test_no_two_shortcuts_share_keys_under_any_platforms_bindings(platform: str) -> None:
    taken = [text for shortcut in shortcuts.ALL.values() for text in sequences_on(platform, shortcut)]
    assert clashes(taken) == []
    reserved = {QKeySequence(text).toString() for text in RESERVED[platform]}
    assert reserved.isdisjoint(taken)


def test_the_old_clashes_are_caught() -> None:
    """Regenerate on Ctrl+R met Refresh on GNOME and macOS; Ctrl+H is macOS's Hide."""
    taken = [*sequences_on("gnome", Key.Refresh), *sequences_on("gnome", "Ctrl+R")]
    assert clashes(taken) == [QKeySequence("Ctrl+R").toString()]
    assert QKeySequence("Ctrl+H").toString() in {QKeySequence(text).toString() for text in RESERVED["macos"]}


def test_the_running_windows_shortcuts_are_the_table_and_do_not_clash(make_window) -> None:
    window = make_window()
    found = [(action.text(), seq.toString()) for action in window.findChildren(QAction) for seq in action.shortcuts()]
    found += [("shortcut", shortcut.key().toString()) for shortcut in window.findChildren(QShortcut)]
    assert clashes([text for _, text in found]) == []
    resolved = {QKeySequence(text).toString() for shortcut in shortcuts.ALL.values()
                for text in (QKeySequence.keyBindings(shortcut) if isinstance(shortcut, QKeySequence.StandardKey)
                             else [QKeySequence(shortcut)])}
    resolved.discard("")
    assert {text for _, text in found} == resolved
    assert ("Regenerate", "Ctrl+Shift+R") in found and ("Show Hidden Files", "Ctrl+Shift+H") in found
