"""The table model on its own: sorted inserts, runs of removals, states, and Qt's model checks."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from core.describe.states import CORRECTED, FAILED, GENERATED, WAITING
from core.files.scanner import FileEntry
from desktop_app.gui.files.filter import FileFilter
from desktop_app.gui.files.table_model import DESCRIPTION, NAME, SIZE, FileTableModel

pytestmark = pytest.mark.usefixtures("qapp")  # the model draws its state marks


def entry(name: str, size: int = 1) -> FileEntry:
    return FileEntry(f"/r/{name}", name, name, size, 0.0, "file")


def names(model: FileTableModel) -> list[str]:
    return [model.row_at(n).entry.name for n in range(model.rowCount())]


def test_rows_stay_sorted_through_small_and_large_inserts(qtmodeltester) -> None:
    model = FileTableModel()
    qtmodeltester.check(model)
    model.add([entry("b.txt"), entry("D.txt"), entry("a.txt")])
    assert names(model) == ["a.txt", "b.txt", "D.txt"]
    model.sort(SIZE, Qt.SortOrder.DescendingOrder)
    model.add([entry("big.iso", 100), entry("mid.zip", 50)])
    assert names(model)[:2] == ["big.iso", "mid.zip"]
    model.add([entry(f"f{i:03}.txt", i) for i in range(40)])  # appended, then sorted once
    assert [model.row_at(n).entry.size for n in range(model.rowCount())] == sorted(
        [1, 1, 1, 100, 50, *range(40)], reverse=True)
    qtmodeltester.check(model)


def test_removal_in_runs_and_counts() -> None:
    model = FileTableModel()
    model.add([entry(f"{c}.txt") for c in "abcdefg"])
    removed = []
    model.rowsRemoved.connect(lambda parent, first, last: removed.append((first, last)))
    model.remove(["/r/b.txt", "/r/c.txt", "/r/f.txt", "/r/unknown"])
    assert names(model) == ["a.txt", "d.txt", "e.txt", "g.txt"] and removed == [(5, 5), (1, 2)]
    assert model.count(WAITING) == 4


def test_the_users_correction_is_never_replaced_by_the_model() -> None:
    model = FileTableModel()
    model.add([entry("a.txt"), entry("b.txt")])
    changed = []
    model.dataChanged.connect(lambda first, last: changed.append((first.row(), last.row(), first.column())))
    model.set_descriptions([("/r/a.txt", "mine", CORRECTED), ("/r/b.txt", "model", GENERATED)])
    model.set_descriptions([("/r/a.txt", "late model text", GENERATED)])
    model.set_failed([("/r/a.txt", "boom")])
    assert (model.row_at(0).state, model.row_at(0).description) == (CORRECTED, "mine")
    assert changed == [(0, 1, DESCRIPTION)]
    model.set_failed([("/r/b.txt", "boom")])
    assert model.row_at(1).state == FAILED and model.count(CORRECTED, FAILED) == 2


def test_edits_are_forwarded_not_applied() -> None:
    model = FileTableModel()
    model.add([entry("a.txt")])
    model.set_descriptions([("/r/a.txt", "model text", GENERATED)])
    edits = []
    model.edited.connect(lambda *args: edits.append(args))
    index = model.index(0, DESCRIPTION)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable and not model.flags(model.index(0, NAME)) & \
        Qt.ItemFlag.ItemIsEditable
    assert not model.setData(index, "model text")  # unchanged: nothing to store
    assert model.setData(index, "  my   words ")
    assert edits == [("/r/a.txt", "a.txt", "my words")] and model.row_at(0).state == GENERATED


def test_the_filter_keeps_matching_rows(qtmodeltester) -> None:
    model = FileTableModel()
    model.add([entry("invoice.pdf"), entry("photo.jpg")])
    model.set_descriptions([("/r/photo.jpg", "a beach in Lisbon", GENERATED)])
    proxy = FileFilter()
    proxy.setSourceModel(model)
    proxy.set_words("LISBON")
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data() == "photo.jpg"
    proxy.set_ranking(["/r/invoice.pdf"])
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data() == "invoice.pdf"
    proxy.set_ranking(None)
    qtmodeltester.check(proxy)
