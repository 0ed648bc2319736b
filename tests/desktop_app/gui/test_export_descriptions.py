"""File > Export…: the open folder's rows as CSV or JSON lines, the format by extension or by filter."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from core.describe.states import CORRECTED
from desktop_app.gui.files.table_model import DESCRIPTION
from tests.desktop_app.helpers import names_of, settle


def choose(monkeypatch, target: Path, chosen_filter: str) -> None:
    """The save dialog answers `target`, with `chosen_filter` selected."""
    monkeypatch.setattr("desktop_app.gui.files.export.QFileDialog.getSaveFileName",
                        lambda *args, **kwargs: (str(target), chosen_filter))


def test_export_csv_of_the_open_folder(qtbot, make_window, folder: Path, tmp_path: Path, monkeypatch) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    model = window.files.model
    model.setData(model.index(model.row_of(str(folder / "meeting_notes.md")), DESCRIPTION), 'notes, "weekly"')
    settle(qtbot, window)
    assert window.files.export_action in next(a.menu() for a in window.menuBar().actions()
                                              if a.text() == "&File").actions()
    target = tmp_path / "out.csv"
    choose(monkeypatch, target, "JSON lines (*.jsonl)")  # the extension wins over the filter
    window.files.export_action.trigger()
    qtbot.waitUntil(target.exists)
    settle(qtbot, window)
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    shown = names_of(window)
    assert [(r["path"], r["filename"], r["description"], r["state"]) for r in rows] == [
        (row.entry.path, name, row.description, row.state.value) for name, row in shown.items()]
    assert ("meeting_notes.md", 'notes, "weekly"', CORRECTED.value) in [
        (r["filename"], r["description"], r["state"]) for r in rows]
    assert window.statusBar().currentMessage() == f"Exported 3 descriptions to {target}"


def test_the_filter_gives_a_bare_name_its_extension(qtbot, make_window, folder: Path, tmp_path: Path,
                                                    monkeypatch) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    choose(monkeypatch, tmp_path / "descriptions", "JSON lines (*.jsonl)")
    window.files.export_action.trigger()
    target = tmp_path / "descriptions.jsonl"
    qtbot.waitUntil(target.exists)
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["filename"] for r in records) == sorted(names_of(window))
    assert set(records[0]) == {"path", "filename", "description", "state"}


def test_export_needs_a_folder_and_reports_failures(qtbot, make_window, folder: Path, tmp_path: Path,
                                                   monkeypatch) -> None:
    window = make_window()
    window.files.update_actions()
    assert not window.files.export_action.isEnabled()
    window.open_folder(str(folder))
    settle(qtbot, window)
    assert window.files.export_action.isEnabled()
    blocker = tmp_path / "a file"
    blocker.write_text("x")
    choose(monkeypatch, blocker / "out.csv", "CSV (*.csv)")  # its folder cannot be made
    warnings: list[str] = []
    monkeypatch.setattr("desktop_app.gui.files.page.QMessageBox.warning",
                        lambda parent, title, text: warnings.append(text))
    window.files.export_action.trigger()
    qtbot.waitUntil(lambda: bool(warnings))
    assert warnings[0].startswith(f"Could not write {blocker / 'out.csv'}:\n")
