"""Listing folders: hidden and tool folders skipped, odd entries listed safely, links never followed."""
from __future__ import annotations

import os
from pathlib import Path

from core.files.scanner import scan


def names(root: Path, **options) -> list[str]:
    return [entry.relative for entry in scan(root, **options)]


def test_lists_files_one_level_sorted(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("x")
    assert names(tmp_path) == ["a.txt", "b.txt"]
    assert names(tmp_path, recursive=True) == ["a.txt", "b.txt", os.path.join("sub", "c.txt")]


def test_hidden_and_tool_folders_are_skipped(tmp_path: Path) -> None:
    (tmp_path / ".secret").write_text("x")
    for folder in (".git", "__pycache__", "node_modules"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "inner.txt").write_text("x")
    (tmp_path / "seen.txt").write_text("x")
    assert names(tmp_path, recursive=True) == ["seen.txt"]
    assert ".secret" in names(tmp_path, recursive=True, show_hidden=True)


def test_sizes_and_kinds(tmp_path: Path) -> None:
    (tmp_path / "data.bin").write_bytes(b"12345")
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "link").symlink_to(tmp_path / "data.bin")
    entries = {e.name: e for e in scan(tmp_path)}
    assert entries["data.bin"].size == 5 and entries["data.bin"].kind == "file"
    assert entries["pipe"].kind == "special"
    assert entries["link"].kind == "link"


def test_broken_links_and_links_out_of_the_root(tmp_path: Path) -> None:
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("x")
    (root / "broken").symlink_to(root / "missing")
    (root / "escape").symlink_to(outside, target_is_directory=True)
    (root / "loop").symlink_to(root, target_is_directory=True)
    listed = names(root, recursive=True)
    assert "broken" in listed
    assert not any("secret" in name for name in listed)  # the linked folder is never entered


def test_non_utf8_names_are_shown_with_replacement_characters(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(raw, "wb") as handle:
        handle.write(b"x")
    (entry,) = scan(tmp_path)
    assert entry.name == "caf\ufffd.txt"
    assert os.fsencode(entry.path) == raw  # the real path still opens the file
    entry.name.encode("utf-8")


def test_newlines_and_long_names(tmp_path: Path) -> None:
    (tmp_path / "two\nlines.txt").write_text("x")
    (tmp_path / ("n" * 250 + ".txt")).write_text("x")
    assert len(list(scan(tmp_path))) == 2
