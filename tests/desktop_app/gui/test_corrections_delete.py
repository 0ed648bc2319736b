"""Deleting corrections in the corrections view: the selected ones (imported ones too), once confirmed, by the
Delete button or key; the open folder's rows of those files get the model's descriptions back."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox

from core.describe.states import CORRECTED
from desktop_app.gui.corrections_dialog import CorrectionsDialog
from desktop_app.gui.files.table_model import DESCRIPTION
from tests.desktop_app.helpers import names_of, settle


@pytest.fixture()
def corrected(qtbot, make_window, folder: Path, tmp_path: Path):
    """A window on `folder` with two corrections typed in and one imported example."""
    window = make_window(folder)
    settle(qtbot, window)
    model = window.files.model
    for name, text in (("Invoice_2024-03.pdf", "the plumber's invoice"), ("meeting_notes.md", "weekly notes")):
        model.setData(model.index(model.row_of(str(folder / name)), DESCRIPTION), text)
    settle(qtbot, window)
    examples = tmp_path / "examples.jsonl"
    examples.write_text('{"filename": "old_budget.xlsx", "file_desc": "last year\'s budget"}\n')
    window.store.import_corrections(examples)
    return window


def open_dialog(qtbot, window) -> CorrectionsDialog:
    dialog = CorrectionsDialog(window.store, window.files.descriptions.delete_corrections, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def select_rows(dialog: CorrectionsDialog, *filenames: str) -> None:
    selection = dialog.table.selectionModel()
    for number in range(dialog.table.rowCount()):
        if dialog.table.item(number, 0).text() in filenames:
            selection.select(dialog.table.model().index(number, 0),
                             QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def answer(monkeypatch, button: QMessageBox.StandardButton) -> list[str]:
    """The confirmation answers `button`; returns the questions asked."""
    asked: list[str] = []
    monkeypatch.setattr("desktop_app.gui.corrections_dialog.QMessageBox.question",
                        lambda parent, title, text: asked.append(text) or button)
    return asked


def test_delete_a_files_correction_and_an_imported_one(qtbot, corrected, folder: Path, monkeypatch) -> None:
    window = corrected
    dialog = open_dialog(qtbot, window)
    assert dialog.table.rowCount() == 3 and not dialog.delete_button.isEnabled()
    select_rows(dialog, "meeting_notes.md", "old_budget.xlsx")
    assert dialog.delete_button.isEnabled()
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.delete_button.click()
    assert asked and asked[0].startswith("Delete 2 of your descriptions?")
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    assert dialog.summary.text().startswith("Deleted 2. 1 descriptions written by you.")
    assert [(c.filename, c.description) for c in window.store.corrections()] == [
        ("Invoice_2024-03.pdf", "the plumber's invoice")]
    settle(qtbot, window)
    assert names_of(window)["meeting_notes.md"].state != CORRECTED
    assert names_of(window)["meeting_notes.md"].description != "weekly notes"
    assert names_of(window)["Invoice_2024-03.pdf"].state == CORRECTED


def test_nothing_is_deleted_unless_confirmed(qtbot, corrected, monkeypatch) -> None:
    dialog = open_dialog(qtbot, corrected)
    select_rows(dialog, "Invoice_2024-03.pdf")
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    dialog.delete_button.click()
    assert asked[0].startswith("Delete your description of Invoice_2024-03.pdf?")
    settle(qtbot, corrected)
    assert len(corrected.store.corrections()) == 3 and dialog.table.rowCount() == 3


def test_the_delete_key_deletes_the_selection(qtbot, corrected, monkeypatch) -> None:
    dialog = open_dialog(qtbot, corrected)
    select_rows(dialog, "old_budget.xlsx")
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.activateWindow()
    dialog.table.setFocus()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2)
    assert "old_budget.xlsx" not in [c.filename for c in corrected.store.corrections()]


def test_the_file_menu_opens_the_view_with_delete(qtbot, corrected, monkeypatch) -> None:
    shown: list[CorrectionsDialog] = []
    monkeypatch.setattr(CorrectionsDialog, "exec", lambda self: shown.append(self) or 0)
    corrected.corrections_action.trigger()
    (dialog,) = shown
    select_rows(dialog, "Invoice_2024-03.pdf")
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.delete_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2)
    settle(qtbot, corrected)
    assert names_of(corrected)["Invoice_2024-03.pdf"].state != CORRECTED


def test_a_failed_deletion_is_reported_and_the_rows_stay(qtbot, corrected, monkeypatch) -> None:
    from core.errors import StoreError

    def fail(ids) -> int:
        raise StoreError("the disk is full")

    monkeypatch.setattr(corrected.store, "delete_corrections", fail)
    warnings: list[str] = []
    monkeypatch.setattr("desktop_app.gui.files.descriptions.QMessageBox.warning",
                        lambda parent, title, text: warnings.append(text))
    dialog = open_dialog(qtbot, corrected)
    select_rows(dialog, "meeting_notes.md")
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.delete_button.click()
    qtbot.waitUntil(lambda: bool(warnings))
    assert "the disk is full" in warnings[0]
    assert dialog.summary.text().startswith("Deleted 0. 3 descriptions") and dialog.delete_button.isEnabled() is False
    settle(qtbot, corrected)
    assert names_of(corrected)["meeting_notes.md"].state == CORRECTED
