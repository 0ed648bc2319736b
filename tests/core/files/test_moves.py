"""Corrections follow renames of files and of folders."""
from __future__ import annotations

from core.files.moves import carry_corrections
from core.store import Store


def test_renames_and_folder_moves_carry_corrections_in_order() -> None:
    store = Store.open()
    store.save_correction("/r/a.txt", "a.txt", "file a")
    store.save_correction("/r/docs/b.md", "b.md", "file b")
    store.save_correction("/r/docs2/keep.md", "keep.md", "not under docs/")
    moved = carry_corrections(store, [("/r/a.txt", "/r/b.txt"), ("/r/b.txt", "/r/c.txt"), ("/r/docs", "/r/papers"),
                                      ("/r/none", "/r/other")])
    assert moved == ["/r/b.txt", "/r/c.txt", "/r/papers/b.md"]
    assert {c.path: (c.filename, c.description) for c in store.corrections()} == {
        "/r/c.txt": ("c.txt", "file a"), "/r/papers/b.md": ("b.md", "file b"),
        "/r/docs2/keep.md": ("keep.md", "not under docs/")}
    assert carry_corrections(store, []) == []
