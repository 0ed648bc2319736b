"""core.atomic: the one writer of whole files: complete or untouched, with the permissions of a new file."""
from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.atomic import write_atomically, write_text_atomically


@pytest.fixture
def umask() -> Iterator[None]:
    """Restore the process umask after the test."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_text_lines_are_written_as_utf8_without_translation(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "notes.txt"
    write_text_atomically(path, (line for line in ["café\n", "two\r\n", "three"]))
    assert path.read_bytes() == "café\ntwo\r\nthree".encode()
    assert os.listdir(path.parent) == ["notes.txt"]


def test_a_callback_fills_a_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    write_atomically(path, lambda out: out.write(b"\x00\x01\x02"))
    assert path.read_bytes() == b"\x00\x01\x02"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_permissions_are_those_of_a_new_file(tmp_path: Path, umask: None, mask: int) -> None:
    os.umask(mask)
    plain, text, binary = tmp_path / "plain", tmp_path / "text", tmp_path / "binary"
    plain.write_text("x")
    text.write_text("old")
    text.chmod(0o600)  # the old file's mode does not carry over: one rule for every write
    write_text_atomically(text, ["new"])
    write_atomically(binary, lambda out: out.write(b"new"))
    assert mode(text) == mode(binary) == mode(plain) == 0o666 & ~mask


@pytest.mark.parametrize("writer", ["text", "binary"])
def test_old_file_intact_when_writing_fails_midway(tmp_path: Path, writer: str) -> None:
    path = tmp_path / "report.json"
    path.write_text("old contents", encoding="utf-8")

    def lines() -> Iterator[str]:
        yield "half of the new "
        raise ValueError("cannot serialise the rest")

    def fill(out) -> None:
        out.write(b"half of the new ")
        out.flush()
        raise ValueError("cannot serialise the rest")

    with pytest.raises(ValueError, match="the rest"):
        if writer == "text":
            write_text_atomically(path, lines())
        else:
            write_atomically(path, fill)
    assert path.read_text(encoding="utf-8") == "old contents"
    assert os.listdir(tmp_path) == ["report.json"]  # no temporary file left behind


def test_failed_rename_leaves_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "settings.json"
    path.write_text("old", encoding="utf-8")

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_text_atomically(path, ["new"])
    assert path.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["settings.json"]
