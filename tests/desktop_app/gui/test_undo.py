"""Edit > Undo and Redo of corrections and reverts in the Files tab: rows and store go back to exactly the
state before, the actions name what they undo, and another folder starts a new history."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from core.describe.states import CACHED, CORRECTED, GENERATED
from desktop_app.gui.files.table_model import DESCRIPTION
from tests.desktop_app.gui.test_editing import select
from tests.desktop_app.helpers import names_of, settle


def correct(qtbot, window, path: Path, text: str) -> None:
    """Type `text` as the description of `path`, as the cell editor does, and wait until it is stored."""
    model = window.files.model
    model.setData(model.index(model.row_of(str(path)), DESCRIPTION), text)
    settle(qtbot, window)


def stored(window) -> dict[str, str]:
    """The store's corrections by filename."""
    return {c.filename: c.description for c in window.store.corrections()}


def shown(window, name: str) -> tuple[str, str]:
    row = names_of(window)[name]
    return row.state, row.description


def test_undo_a_correction_brings_the_models_description_back_and_redo_it(qtbot, make_window, folder) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    rows = window.files.row_actions
    assert not rows.undo.isEnabled() and rows.undo.text() == "Undo"
    models = names_of(window)["Invoice_2024-03.pdf"].description
    correct(qtbot, window, folder / "Invoice_2024-03.pdf", "the plumber's invoice")
    assert rows.undo.isEnabled() and rows.undo.text() == "Undo Correction of Invoice_2024-03.pdf"
    rows.undo.trigger()
    settle(qtbot, window)
    assert shown(window, "Invoice_2024-03.pdf") in ((CACHED, models), (GENERATED, models))
    assert stored(window) == {}
    assert rows.redo.text() == "Redo Correction of Invoice_2024-03.pdf" and not rows.undo.isEnabled()
    rows.redo.trigger()
    settle(qtbot, window)
    assert shown(window, "Invoice_2024-03.pdf") == (CORRECTED, "the plumber's invoice")
    assert stored(window) == {"Invoice_2024-03.pdf": "the plumber's invoice"}


def test_undo_a_second_correction_restores_the_first(qtbot, make_window, folder) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    correct(qtbot, window, folder / "meeting_notes.md", "notes of Monday")
    correct(qtbot, window, folder / "meeting_notes.md", "notes of Tuesday")
    window.files.row_actions.undo.trigger()
    settle(qtbot, window)
    assert shown(window, "meeting_notes.md") == (CORRECTED, "notes of Monday")
    assert stored(window) == {"meeting_notes.md": "notes of Monday"}


def test_undo_a_revert_of_several_rows_restores_their_corrections(qtbot, make_window, folder) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    correct(qtbot, window, folder / "holiday_photo.jpg", "Lisbon, the tram")
    correct(qtbot, window, folder / "meeting_notes.md", "weekly notes")
    window.files.table.selectAll()
    window.files.update_actions()
    rows = window.files.row_actions
    rows.revert.trigger()
    settle(qtbot, window)
    assert stored(window) == {} and names_of(window)["meeting_notes.md"].state == CACHED
    assert rows.undo.text() == "Undo Revert of 2 descriptions"
    rows.undo.trigger()
    settle(qtbot, window)
    assert shown(window, "holiday_photo.jpg") == (CORRECTED, "Lisbon, the tram")
    assert shown(window, "meeting_notes.md") == (CORRECTED, "weekly notes")
    assert stored(window) == {"holiday_photo.jpg": "Lisbon, the tram", "meeting_notes.md": "weekly notes"}


def test_an_emptied_description_is_an_undoable_revert(qtbot, make_window, folder) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    correct(qtbot, window, folder / "meeting_notes.md", "weekly notes")
    correct(qtbot, window, folder / "meeting_notes.md", "")
    assert stored(window) == {}
    assert window.files.row_actions.undo.text() == "Undo Revert of meeting_notes.md"
    window.files.row_actions.undo.trigger()
    settle(qtbot, window)
    assert shown(window, "meeting_notes.md") == (CORRECTED, "weekly notes")


def test_standard_shortcuts_and_the_edit_menu(qtbot, make_window, folder) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    rows = window.files.row_actions
    assert rows.undo.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)
    assert rows.redo.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert edit_menu.actions()[:2] == [rows.undo, rows.redo]
    correct(qtbot, window, folder / "meeting_notes.md", "weekly notes")
    select(window, "meeting_notes.md")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.files.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert stored(window) == {}
    redo = QKeySequence(QKeySequence.StandardKey.Redo)[0]
    qtbot.keyClick(window.files.table, redo.key(), redo.keyboardModifiers())
    settle(qtbot, window)
    assert stored(window) == {"meeting_notes.md": "weekly notes"}


def test_opening_another_folder_clears_the_history(qtbot, make_window, folder, tmp_path) -> None:
    other = tmp_path / "Other"
    other.mkdir()
    window = make_window(folder)
    settle(qtbot, window)
    correct(qtbot, window, folder / "meeting_notes.md", "weekly notes")
    assert window.files.row_actions.undo.isEnabled()
    window.open_folder(str(other))
    settle(qtbot, window)
    assert not window.files.row_actions.undo.isEnabled() and window.files.row_actions.undo.text() == "Undo"
    assert stored(window) == {"meeting_notes.md": "weekly notes"}
