"""Correcting descriptions in place: F2 / double-click, Enter saves durably, Esc cancels; the row menu."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from core.describe.states import CACHED, CORRECTED, GENERATED
from desktop_app.gui.files.table_model import DESCRIPTION, NAME
from tests.desktop_app.helpers import LIVE_TIMEOUT_MS, names_of, settle


def select(window, name: str) -> None:
    """Make the row of `name` current and selected, as a click does."""
    source = window.files.model.index(window.files.model.row_of(str(window.files.session.root) + "/" + name), NAME)
    window.files.table.selectionModel().setCurrentIndex(
        window.files.filter.mapFromSource(source),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)


def type_into_editor(qtbot, window, text: str, key: Qt.Key) -> None:
    """Type into the open cell editor, then press `key`."""
    qtbot.waitUntil(lambda: window.files.table.findChild(QLineEdit) is not None)
    editor = window.files.table.findChild(QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, key)
    # the delegate commits later
    qtbot.waitUntil(lambda: window.files.table.state() != QAbstractItemView.State.EditingState)


def test_f2_enter_saves_and_survives_a_restart(qtbot, make_window, folder: Path) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    select(window, "Invoice_2024-03.pdf")
    qtbot.keyClick(window.files.table, Qt.Key.Key_F2)
    type_into_editor(qtbot, window, "March invoice from the plumber", Qt.Key.Key_Return)
    row = names_of(window)["Invoice_2024-03.pdf"]
    assert (row.state, row.description) == (CORRECTED, "March invoice from the plumber")
    window.close()  # waits for the store thread
    restarted = make_window(folder)
    settle(qtbot, restarted)
    row = names_of(restarted)["Invoice_2024-03.pdf"]
    assert (row.state, row.description) == (CORRECTED, "March invoice from the plumber")
    index = restarted.files.model.index(restarted.files.model.row_of(row.entry.path), DESCRIPTION)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None  # the pen mark
    assert "Your description" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_escape_cancels_and_double_click_edits(qtbot, make_window, folder: Path) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    before = names_of(window)["meeting_notes.md"].description
    select(window, "meeting_notes.md")
    name_cell = window.files.table.currentIndex().siblingAtColumn(NAME)
    rect = window.files.table.visualRect(name_cell)
    # Qt 6 wants the press
    qtbot.mouseClick(window.files.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.files.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    type_into_editor(qtbot, window, "not kept", Qt.Key.Key_Escape)
    row = names_of(window)["meeting_notes.md"]
    assert (row.state, row.description) == (GENERATED, before)
    assert window.store.corrections() == []


def test_row_menu_copy_revert_and_regenerate(qtbot, make_window, folder: Path, counting_engine) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    path = str(folder / "holiday_photo.jpg")
    generated = names_of(window)["holiday_photo.jpg"].description
    window.files.model.setData(window.files.model.index(window.files.model.row_of(path), DESCRIPTION),
                               "Lisbon, the tram")
    select(window, "holiday_photo.jpg")
    window.files.update_actions()
    assert window.files.row_actions.revert.isEnabled() and not window.files.row_actions.regenerate.isEnabled()
    window.files.row_actions.copy.trigger()
    assert QGuiApplication.clipboard().text() == "Lisbon, the tram"
    window.files.row_actions.revert.trigger()
    settle(qtbot, window)
    row = names_of(window)["holiday_photo.jpg"]
    assert (row.state, row.description) == (CACHED, generated)
    assert window.store.corrections() == []
    calls = len(counting_engine.calls)
    window.files.update_actions()
    window.files.row_actions.regenerate.trigger()
    settle(qtbot, window)
    assert counting_engine.calls[calls:] == ["holiday_photo.jpg"]
    assert names_of(window)["holiday_photo.jpg"].state == GENERATED


def test_an_emptied_description_goes_back_to_the_models(qtbot, make_window, folder: Path) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    index = window.files.model.index(window.files.model.row_of(str(folder / "meeting_notes.md")), DESCRIPTION)
    window.files.model.setData(index, "weekly notes")
    settle(qtbot, window)
    window.files.model.setData(index, "   ")
    settle(qtbot, window)
    assert names_of(window)["meeting_notes.md"].state == CACHED


def test_corrections_view_lists_and_exports(qtbot, make_window, folder: Path, tmp_path: Path, monkeypatch) -> None:
    from desktop_app.gui.corrections_dialog import CorrectionsDialog

    window = make_window(folder)
    settle(qtbot, window)
    index = window.files.model.index(window.files.model.row_of(str(folder / "Invoice_2024-03.pdf")), DESCRIPTION)
    window.files.model.setData(index, "an invoice from ACME")
    settle(qtbot, window)
    dialog = CorrectionsDialog(window.store, window.files.descriptions.delete_corrections, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "an invoice from ACME"
    target = tmp_path / "export.jsonl"
    monkeypatch.setattr("desktop_app.gui.corrections_dialog.QFileDialog.getSaveFileName",
                        lambda *args, **kwargs: (str(target), ""))
    dialog.export_button.click()
    assert json.loads(target.read_text()) == {"id": 1, "filename": "Invoice_2024-03.pdf",
                                              "file_desc": "an invoice from ACME"}
    assert dialog.summary.text() == "Exported 1 corrections."


def test_a_correction_rewrites_its_look_alikes(qtbot, make_window, folder: Path, desktop_engine) -> None:
    from core.describe.memory import ExampleMemory

    (folder / "Invoice_2024-04.pdf").write_text("x")
    desktop_engine.memory = ExampleMemory(desktop_engine.lexical.dimension)  # corrections only
    try:
        window = make_window(folder)
        settle(qtbot, window)
        assert names_of(window)["Invoice_2024-04.pdf"].description != "a bill"
        select(window, "Invoice_2024-03.pdf")
        qtbot.keyClick(window.files.table, Qt.Key.Key_F2)
        type_into_editor(qtbot, window, "a bill", Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: names_of(window)["Invoice_2024-04.pdf"].description == "a bill",
                        timeout=LIVE_TIMEOUT_MS)  # the untrained tiny model copies the correction
        assert names_of(window)["Invoice_2024-04.pdf"].state == GENERATED
        assert names_of(window)["holiday_photo.jpg"].description != "a bill"
    finally:
        desktop_engine.memory = None


def test_a_correction_asks_again_only_for_the_rows_it_changed(qtbot, make_window, folder: Path, desktop_engine,
                                                              counting_engine, monkeypatch) -> None:
    from core.describe.memory import ExampleMemory

    (folder / "Invoice_2024-04.pdf").write_text("x")
    desktop_engine.memory = ExampleMemory(desktop_engine.lexical.dimension)  # corrections only
    try:
        window = make_window(folder)
        settle(qtbot, window)
        requested: list[list[str]] = []
        request = window.files.feed.request
        monkeypatch.setattr(window.files.feed, "request", lambda files, urgent=False: requested.append(
            [name for _, name in files]) or request(files, urgent))
        calls = len(counting_engine.calls)
        corrected = (str(folder / "Invoice_2024-03.pdf"), "Invoice_2024-03.pdf")
        window.files.model.setData(window.files.model.index(window.files.model.row_of(corrected[0]), DESCRIPTION),
                                   "a bill")
        qtbot.waitUntil(lambda: names_of(window)["Invoice_2024-04.pdf"].description == "a bill",
                        timeout=LIVE_TIMEOUT_MS)
        settle(qtbot, window)
        assert requested == [["Invoice_2024-04.pdf"]]  # its look-alike only: the other rows' inputs are the same
        assert counting_engine.calls[calls:] == ["Invoice_2024-04.pdf"]
        requested.clear()
        window.files.descriptions.revert([corrected])
        settle(qtbot, window)
        assert requested == [["Invoice_2024-03.pdf"], ["Invoice_2024-04.pdf"]]
        assert names_of(window)["Invoice_2024-04.pdf"].description != "a bill"
    finally:
        desktop_engine.memory = None
