"""FolderListing on real temp folders: first scan in chunks, watch batches, reconciliation, a lost root."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from core.files.folder_listing import FolderListing, Subfolder
from core.files.watcher import WatchBatch


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "root"
    folder.mkdir()
    for name in ("b.txt", "a.pdf", ".hidden"):
        (folder / name).write_text("x")
    (folder / "sub").mkdir()
    (folder / "sub" / "deep.md").write_text("x")
    (folder / "node_modules").mkdir()
    (folder / "node_modules" / "pkg.js").write_text("x")
    return folder


def scanned(listing: FolderListing, **chunks) -> list:
    return list(listing.scan(**chunks))


def test_first_scan_comes_in_chunks_with_subfolders_last(root: Path) -> None:
    for index in range(5):
        (root / f"file{index}.txt").write_text("x")
    listing = FolderListing(str(root))
    changes = scanned(listing, first_chunk=2, chunk=3)
    assert [len(c.added) for c in changes] == [2, 3, 2]
    assert changes[-1].subfolders == [Subfolder(str(root / "node_modules"), "node_modules"),
                                      Subfolder(str(root / "sub"), "sub")]
    expected = ["a.pdf", "b.txt"] + [f"file{i}.txt" for i in range(5)]
    assert sorted(listing.entries) == sorted(str(root / name) for name in expected)


def test_recursive_listing_skips_tool_folders(root: Path) -> None:
    listing = FolderListing(str(root), recursive=True)
    scanned(listing)
    assert {e.relative for e in listing.entries.values()} == {"a.pdf", "b.txt", os.path.join("sub", "deep.md")}


def test_paths_of_a_batch_are_added_updated_and_removed(root: Path) -> None:
    listing = FolderListing(str(root))
    scanned(listing)
    (root / "new.txt").write_text("x")
    (root / "b.txt").write_text("longer content")
    (root / "a.pdf").unlink()
    (root / ".secret").write_text("x")
    batch = WatchBatch(paths={str(root / n) for n in ("new.txt", "b.txt", "a.pdf", ".secret", "never-was")})
    change = listing.apply(batch)
    assert [e.name for e in change.added] == ["new.txt"]
    assert [e.name for e in change.updated] == ["b.txt"] and change.updated[0].size == 14
    assert change.removed == [str(root / "a.pdf")]
    assert change.subfolders is None and change.root_missing is None
    assert not listing.apply(batch)  # nothing changed since


def test_a_folder_rescan_finds_what_events_missed(root: Path) -> None:
    listing = FolderListing(str(root), recursive=True)
    scanned(listing)
    (root / "sub" / "more.md").write_text("x")
    (root / "sub" / "deep.md").unlink()
    (root / "fresh").mkdir()
    change = listing.apply(WatchBatch(folders={str(root / "sub"), str(root / "fresh")}))
    assert [e.relative for e in change.added] == [os.path.join("sub", "more.md")]
    assert change.removed == [str(root / "sub" / "deep.md")]
    assert [f.name for f in change.subfolders] == ["fresh", "node_modules", "sub"]


def test_a_deleted_subfolder_takes_its_files_along(root: Path) -> None:
    listing = FolderListing(str(root), recursive=True)
    scanned(listing)
    shutil.rmtree(root / "sub")
    change = listing.apply(WatchBatch(folders={str(root / "sub")}))
    assert change.removed == [str(root / "sub" / "deep.md")]


def test_reconcile_compares_size_and_mtime(root: Path) -> None:
    listing = FolderListing(str(root))
    scanned(listing)
    os.utime(root / "b.txt", (1, 1))
    (root / "c.txt").write_text("x")
    change = listing.reconcile()
    assert [e.name for e in change.updated] == ["b.txt"]
    assert [e.name for e in change.added] == ["c.txt"]
    assert not listing.reconcile()


def test_links_are_listed_but_never_entered(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("x")
    (root / "escape").symlink_to(outside)
    listing = FolderListing(str(root), recursive=True)
    scanned(listing)
    assert listing.entries[str(root / "escape")].kind == "link"
    assert listing.entry_at(str(root / "escape" / "secret.txt")) is None
    assert not listing.apply(WatchBatch(paths={str(root / "escape" / "secret.txt")}, folders={str(root / "escape")}))


def test_a_lost_root_empties_the_listing_with_a_reason(root: Path) -> None:
    listing = FolderListing(str(root))
    scanned(listing)
    shutil.rmtree(root)
    change = listing.apply(WatchBatch(paths={str(root / "b.txt")}))
    assert change.root_missing and sorted(change.removed) == [str(root / "a.pdf"), str(root / "b.txt")]
    assert listing.entries == {} and change.subfolders == []


def test_a_missing_root_at_first_scan(tmp_path: Path) -> None:
    changes = scanned(FolderListing(str(tmp_path / "nope")))
    assert len(changes) == 1 and changes[0].root_missing


def test_odd_names_are_listed(root: Path) -> None:
    raw = os.fsencode(str(root)) + b"/caf\xe9 \xff.txt"
    with open(raw, "wb"):
        pass
    (root / "two\nlines.txt").write_text("x")
    os.mkfifo(root / "pipe")
    listing = FolderListing(str(root))
    scanned(listing)
    names = {e.name: e for e in listing.entries.values()}
    assert "caf\ufffd \ufffd.txt" in names and "two\nlines.txt" in names
    assert names["pipe"].kind == "special"
    assert listing.entry_at(os.fsdecode(raw)).name == "caf\ufffd \ufffd.txt"
