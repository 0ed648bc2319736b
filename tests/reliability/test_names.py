"""Names: not UTF-8, newlines and tabs, 255 bytes, emoji and right-to-left text, leading dashes, names that
look like paths or terminal commands. Every one is listed, described, correctable and printed on one line."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from core.describe.states import CORRECTED, GENERATED
from core.files.scanner import display_name
from desktop_app.cli.main import main
from desktop_app.gui.files.table_model import DESCRIPTION, NAME
from tests.desktop_app.helpers import settle

ODD_NAMES = [
    b"caf\xe9 \xff\xfe.txt",  # Latin-1 and bytes that are no text at all
    b"two\nlines\tand a tab.txt",
    b"x" * 251 + b".txt",  # the longest name Linux allows: 255 bytes
    "é".encode() * 126 + b".md",  # 255 bytes of two-byte characters
    "🦆 duck photo 🎉.jpg".encode(),
    "تقرير مالي ٢٠٢٤.pdf".encode(),  # right-to-left text
    "\u202egnp.exe".encode(),  # a right-to-left override that makes "exe.png" read as an image
    b"-rf",
    b"--help",
    b"~",
    b"C:\\Windows\\System32\\evil.dll",
    b"a\\..\\..\\b.txt",
    b"$(reboot).sh",
    b"\x1b[2J\x1b[31mred.txt",  # terminal escape sequences
]


@pytest.fixture()
def odd_folder(tmp_path: Path) -> Path:
    root = tmp_path / "odd names"
    root.mkdir()
    for name in ODD_NAMES:
        with open(os.path.join(os.fsencode(root), name), "wb") as handle:
            handle.write(b"x")
    return root


def real_path(root: Path, name: bytes) -> str:
    return os.fsdecode(os.path.join(os.fsencode(root), name))


def test_odd_names_are_listed_described_and_corrected(qtbot, make_window, odd_folder: Path) -> None:
    window = make_window(odd_folder)
    settle(qtbot, window, timeout=30_000)
    model = window.files.model
    assert model.rowCount() == len(ODD_NAMES)
    for name in ODD_NAMES:
        row = model.row_of(real_path(odd_folder, name))
        assert row is not None, name
        assert model.row_at(row).state == GENERATED and model.row_at(row).description
        shown = model.index(row, NAME).data()
        assert shown.isprintable(), shown  # a newline, tab or escape is shown as a symbol, never acted on
        shown.encode("utf-8")
    corrected = {b"caf\xe9 \xff\xfe.txt": "a café menu", "é".encode() * 126 + b".md": "accents, many",
                 b"-rf": "not a command", b"two\nlines\tand a tab.txt": "a two-line name"}
    for name, text in corrected.items():
        row = model.row_of(real_path(odd_folder, name))
        assert model.setData(model.index(row, DESCRIPTION), text)
    settle(qtbot, window)
    window.close()
    again = make_window(odd_folder)
    settle(qtbot, again, timeout=30_000)
    for name, text in corrected.items():
        row = again.files.model.row_at(again.files.model.row_of(real_path(odd_folder, name)))
        assert (row.state, row.description) == (CORRECTED, text)
    assert {c.path for c in again.store.corrections()} == {real_path(odd_folder, n) for n in corrected}


def test_a_folder_whose_name_is_not_utf8_is_entered(qtbot, make_window, odd_folder: Path) -> None:
    inner = real_path(odd_folder, b"r\xe9sum\xe9s \xff")
    os.mkdir(inner)
    open(os.path.join(inner, "cv.pdf"), "wb").close()
    window = make_window(odd_folder)
    settle(qtbot, window, timeout=30_000)
    (item,) = [window.files.folders.item(n) for n in range(window.files.folders.count())]
    assert item.text() == "r\ufffdsum\ufffds \ufffd"
    window.files.folders.itemClicked.emit(item)
    assert window.files.session.root == inner
    settle(qtbot, window)
    assert [window.files.model.row_at(0).entry.path] == [os.path.join(inner, "cv.pdf")]


def test_odd_names_on_the_command_line(odd_folder: Path, tiny_model_dir: Path, capsys, monkeypatch) -> None:
    model = ["--model", str(tiny_model_dir), "--no-memory", "-q"]
    assert main(["describe", "--format", "jsonl", *model, str(odd_folder)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(r["path"] for r in records) == sorted(display_name(real_path(odd_folder, n)) for n in ODD_NAMES)
    assert all(r["description"] and r["source"] == "generated" for r in records)
    assert main(["describe", *model, str(odd_folder)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(ODD_NAMES)  # one line per file, whatever its name holds
    assert all(line.isprintable() for line in lines)  # no raw escape sequence reaches the terminal
    monkeypatch.chdir(odd_folder)
    assert main(["describe", "--format", "jsonl", *model, "--", "-rf", "--help", "~"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["path"], r["source"]) for r in records] == [("-rf", "cached"), ("--help", "cached"), ("~", "cached")]
