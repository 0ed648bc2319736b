"""Opening folders: rows at once, descriptions filling in, odd files shown, the model's failures shown."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from core.describe.states import CACHED, GENERATED, WAITING
from core.errors import ModelError
from desktop_app.gui.files.table_model import DESCRIPTION
from tests.desktop_app.helpers import names_of, settle


def test_rows_then_descriptions_appear(qtbot, make_window, folder: Path, counting_engine) -> None:
    window = make_window(folder)
    qtbot.waitUntil(lambda: window.files.model.rowCount() == 3)
    settle(qtbot, window)
    rows = names_of(window)
    assert set(rows) == {"holiday_photo.jpg", "Invoice_2024-03.pdf", "meeting_notes.md"}
    assert {row.state for row in rows.values()} == {GENERATED}
    assert sorted(counting_engine.calls) == sorted(rows)
    qtbot.waitUntil(lambda: window.files.count_label.text() == "Described 3 of 3" and window.files.progress.isHidden())
    assert window.files.model_label.text() == f"Model: {counting_engine.resolved.name} · cpu"
    assert window.windowTitle() == "Documents — FileScribe"


def test_reopening_uses_the_cache_without_model_calls(qtbot, make_window, folder: Path, counting_engine) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    first = {name: row.description for name, row in names_of(window).items()}
    calls = len(counting_engine.calls)
    again = make_window(folder)
    settle(qtbot, again)
    assert len(counting_engine.calls) == calls
    assert {name: row.state for name, row in names_of(again).items()} == dict.fromkeys(first, CACHED)


def test_unreadable_and_oddly_named_files_are_shown(qtbot, make_window, tmp_path: Path) -> None:
    root = tmp_path / "odd"
    root.mkdir()
    with open(os.fsencode(str(root)) + b"/caf\xe9-\xff.txt", "wb"):
        pass
    (root / "two\nlines.txt").write_text("x")
    (root / "locked.txt").write_text("x")
    (root / "locked.txt").chmod(0)
    os.mkfifo(root / "pipe")
    (root / "dangling").symlink_to(tmp_path / "missing")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("x")
    (root / "elsewhere").symlink_to(outside)
    window = make_window(root)
    window.recursive_action.trigger()  # links are never followed, even into folders
    settle(qtbot, window)
    rows = names_of(window)
    assert sorted(rows) == sorted(["caf\ufffd-\ufffd.txt", "two\nlines.txt", "locked.txt", "pipe", "dangling",
                                   "elsewhere"])
    assert all(row.state == GENERATED for row in rows.values())
    line = window.files.model.row_of(str(root / "two\nlines.txt"))
    assert window.files.model.index(line, 0).data() == "two\u240alines.txt"
    assert window.files.model.index(window.files.model.row_of(str(root / "pipe")), 2).data() == "Special file"


def test_a_model_that_cannot_load_is_explained(qtbot, make_window, folder: Path) -> None:
    def broken(settings, store):
        raise ModelError("No model folder at /nowhere.")

    window = make_window(folder, factory=broken)
    settle(qtbot, window)
    assert window.files.model_banner.isVisible() and "/nowhere" in window.files.model_banner.label.text()
    assert {row.state for row in names_of(window).values()} == {WAITING}
    assert window.files.model_label.text() == "Model: not loaded"


def test_a_failing_description_is_marked_with_its_reason(qtbot, make_window, folder: Path, counting_engine) -> None:
    class Failing:
        def __init__(self, engine) -> None:
            self.engine = engine

        def __getattr__(self, name):
            return getattr(self.engine, name)

        def describe_inputs(self, inputs, progress=None):
            if any(i.filename.startswith("meeting") for i in inputs):
                raise RuntimeError("out of ideas")
            return self.engine.describe_inputs(inputs, progress)

    window = make_window(folder, factory=lambda settings, store: Failing(counting_engine))
    settle(qtbot, window)
    row = window.files.model.row_of(str(folder / "meeting_notes.md"))
    index = window.files.model.index(row, DESCRIPTION)
    assert index.data() == "could not describe this file"
    assert "out of ideas" in index.data(Qt.ItemDataRole.ToolTipRole)
    qtbot.waitUntil(lambda: window.files.count_label.text() == "Described 2 of 3 · 1 failed")


def test_visible_rows_are_described_first(qtbot, make_window, tmp_path: Path, counting_engine) -> None:
    import threading

    root = tmp_path / "many"
    root.mkdir()
    for index in range(300):
        (root / f"file_{index:03}.txt").write_text("x")
    release = threading.Event()

    def slow_start(settings, store):
        release.wait(20)
        return counting_engine

    window = make_window(root, factory=slow_start)
    qtbot.waitUntil(lambda: window.files.model.rowCount() == 300)
    window.files.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the last files are now on screen
    qtbot.wait(200)
    last = window.files.table.rowAt(window.files.table.viewport().height() - 1)
    visible = {window.files.filter.index(r, 0).data() for r in range(window.files.table.rowAt(0), last + 1)}
    assert len(visible) >= 8 and "file_299.txt" in visible
    release.set()
    qtbot.waitUntil(lambda: len(counting_engine.calls) >= 8, timeout=20_000)
    assert set(counting_engine.calls[:8]) <= visible
    settle(qtbot, window, 60_000)
