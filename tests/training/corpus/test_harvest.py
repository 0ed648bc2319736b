"""Tests of `python -m training harvest` on a small fixture tree built in tmp_path."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from training.cli import main
from training.corpus import cleaning, harvest, mime, python_docs
from training.corpus.records import Record

MIME_XML = """<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="application/x-yaml">
    <comment xml:lang="de">YAML-Dokument</comment>
    <comment>YAML document</comment>
    <glob pattern="*.yaml"/>
    <glob pattern="*.yml"/>
  </mime-type>
  <mime-type type="audio/mpeg">
    <comment>MP3 audio</comment>
    <glob pattern="*.mp3"/>
  </mime-type>
  <mime-type type="application/x-sharedlib">
    <comment>shared library</comment>
    <glob pattern="*.so.[0-9]*"/>
  </mime-type>
  <mime-type type="text/x-makefile">
    <comment>Makefile build file</comment>
    <glob pattern="makefile"/>
    <glob pattern="GNUmakefile"/>
    <glob pattern="Makefile.*"/>
  </mime-type>
</mime-info>
"""
DESKTOP_EDITOR = """[Desktop Entry]
Name=Editor
Name[de]=Bearbeiter
Comment=Edit text files
Type=Application

[Desktop Action new-window]
Name=New Window
"""
PACKAGES = """Package: htop
Version: 3.2.2-2
Description: interactive processes viewer

Package: libfoo-dbg
Version: 1.0
Description: debugging symbols for libfoo

Package: jcmd-tools
Version: 2:1.0-1
Description: Tools to inspect a running JVM

Package: heldout-prog
Version: 1.0
Description: a program of a held-out evaluation domain
"""
WELL_KNOWN = [
    {"filename": "Makefile", "file_desc": "build rules read by make", "reference": "GNU make manual"},
    {"filename": ".gitignore", "file_desc": "patterns of untracked files that Git should ignore", "reference": "git"},
]


def write(path: Path, text: str) -> Path:
    """Write `text` to `path`, creating parent dirs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path) -> dict[str, Path]:
    """Fixture inputs of every source: MIME XML, stdlib- and site-packages-like roots, desktop dir, well-known file."""
    marker = tmp_path / "executed.txt"
    stdlib, site = tmp_path / "lib" / "python3", tmp_path / "lib" / "site-packages"
    write(stdlib / "good.py", '"""Helpers for ``parsing`` :mod:`config` files.\n\nMore text here."""\nx = 1\n')
    write(stdlib / "licensed.py", '"""Copyright (c) 2020 Example Corp. All rights reserved."""\n')
    write(stdlib / "broken.py", '"""A module with broken syntax."""\ndef f(:\n    pass\n')
    write(stdlib / "nodoc.py", "x = 1\n")
    write(stdlib / "boom.py", f'"""Does dangerous things on import."""\nopen({str(marker)!r}, "w").write("ran")\n'
                              "raise SystemExit(1)\n")
    write(stdlib / "big.py", '"""A large module with many functions."""\n'
                             + "".join(f"def f{i}():\n    return {i}\n\n" for i in range(4000)))
    write(stdlib / "pkg" / "__init__.py", '"""The package init, never used."""\n')
    write(stdlib / "pkg" / "inner.py", '"""Inner workings of the package."""\n')
    write(stdlib / "tests" / "helper.py", '"""Helpers shared by the tests."""\n')
    write(stdlib / "test_things.py", '"""Tests of the things module."""\n')
    write(site / "good.py", '"""Another good module that loses to the stdlib one."""\n')
    write(site / "mylib" / "core.py", '"""Core routines of mylib."""\n')
    write(site / "mylib" / "extra.py", '"""Extra helpers for mylib users."""\n')
    write(site / "mylib" / "_vendor" / "six.py", '"""Utilities for writing code that runs on Python 2 and 3."""\n')
    desktop = tmp_path / "applications"
    write(desktop / "editor.desktop", DESKTOP_EDITOR)
    write(desktop / "hidden.desktop", "[Desktop Entry]\nName=Hidden Tool\nNoDisplay=true\n")
    well_known = write(tmp_path / "well_known.jsonl", "".join(json.dumps(item) + "\n" for item in WELL_KNOWN))
    held_out_row = json.dumps({"filename": "heldout-prog.1.gz", "file_desc": "x"})
    held_out = write(tmp_path / "held_out.jsonl", held_out_row + "\n")
    return {"mime": write(tmp_path / "mime.xml", MIME_XML), "stdlib": stdlib, "site": site, "desktop": desktop,
            "well_known": well_known, "marker": marker, "out": tmp_path / "out" / "corpus.jsonl",
            "packages": write(tmp_path / "lists" / "deb_Packages", PACKAGES), "held_out": held_out}


def harvest_args(tree: dict[str, Path], out: Path, *extra: str) -> list[str]:
    """Command line of a harvest over the fixture tree (the generated lexicon sources left out)."""
    return ["harvest", "--out", str(out), "--mime-xml", str(tree["mime"]), "--well-known", str(tree["well_known"]),
            "--python-roots", str(tree["stdlib"]), str(tree["site"]), "--desktop-dirs", str(tree["desktop"]),
            "--apt-lists", str(tree["packages"]), "--exclude", str(tree["held_out"]), "--no-lexicon", *extra]


def read_rows(path: Path) -> list[dict]:
    """The JSONL rows of `path`."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def by_source(rows: list[dict], source: str) -> list[tuple[str, str, str]]:
    """(filename, description, group) of the rows of one source."""
    return [(r["filename"], r["file_desc"], r["group"]) for r in rows if r["source"] == source]


def test_harvest_gives_the_expected_pairs(tree: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(harvest_args(tree, tree["out"])) == 0
    rows = read_rows(tree["out"])
    assert [r["id"] for r in rows] == list(range(len(rows)))
    assert all(list(r) == ["id", "filename", "file_desc", "source", "group"] for r in rows)
    assert by_source(rows, "hand-written") == [
        (".gitignore", "patterns of untracked files that Git should ignore", ".gitignore"),
        ("Makefile", "build rules read by make", "Makefile"),
    ]
    assert by_source(rows, "desktop-entry") == [("editor.desktop", "desktop launcher for Editor: edit text files",
                                                 "editor")]
    assert by_source(rows, "python-stdlib") == [
        ("big.py", "a large module with many functions", "big"),
        ("boom.py", "does dangerous things on import", "boom"),
        ("good.py", "helpers for parsing config files", "good"),
        ("inner.py", "inner workings of the package", "pkg"),
    ]
    assert by_source(rows, "python-site-packages") == [
        ("core.py", "core routines of mylib", "mylib"),
        ("extra.py", "extra helpers for mylib users", "mylib"),
    ]
    assert not tree["marker"].exists()  # boom.py was read, never run
    err = capsys.readouterr().err
    assert "python-stdlib: 4" in err and "total: " in err


def test_mime_source(tree: dict[str, Path]) -> None:
    assert main(harvest_args(tree, tree["out"])) == 0
    rows = by_source(read_rows(tree["out"]), "mime")
    # "makefile" loses to the hand-written "Makefile"; the complex globs make nothing.
    assert ("GNUmakefile", "a Makefile build file", "text/x-makefile") in rows
    assert {group for _, _, group in rows} == {"application/x-yaml", "audio/mpeg", "text/x-makefile"}
    yaml = [(name, desc) for name, desc, group in rows if group == "application/x-yaml"]
    mp3 = [(name, desc) for name, desc, group in rows if group == "audio/mpeg"]
    assert 2 <= len(yaml) <= 4 and 2 <= len(mp3) <= 4
    # Each name's own meaning first, then the type: "an invoice for April 2023, an AbiWord document".
    assert all(desc.endswith(", a YAML document") and len(desc) > len(", a YAML document") for _, desc in yaml)
    assert all(desc.endswith(", an MP3 audio file") for _, desc in mp3)
    assert {name.rsplit(".", 1)[1] for name, _ in yaml} == {"yaml", "yml"}
    assert len({name for name, _ in yaml + mp3}) == len(yaml + mp3)


def test_debian_source_and_held_out_names(tree: dict[str, Path]) -> None:
    assert main(harvest_args(tree, tree["out"])) == 0
    rows = {(name.split("_", 1)[0], desc.removeprefix("Debian package of "))
            for name, desc, _ in by_source(read_rows(tree["out"]), "debian")}
    # Debug packages skipped, the held-out domain's program left out.
    assert rows == {("htop", "interactive processes viewer"), ("jcmd-tools", "tools to inspect a running JVM")}


def test_same_inputs_and_seed_give_identical_bytes(tree: dict[str, Path], tmp_path: Path) -> None:
    other = tmp_path / "again.jsonl"
    assert main(harvest_args(tree, tree["out"], "--seed", "7")) == 0
    assert main(harvest_args(tree, other, "--seed", "7")) == 0
    assert tree["out"].read_bytes() == other.read_bytes()


def test_caps_per_source_and_group(tree: dict[str, Path]) -> None:
    args = harvest_args(tree, tree["out"], "--max-per-source", "mime=3", "desktop-entry=0", "--max-per-group", "1")
    assert main(args) == 0
    rows = read_rows(tree["out"])
    counts = {source: len(by_source(rows, source)) for source in harvest.SOURCES}
    # Every stdlib file is its own group; site-packages keeps one of mylib's two modules.
    assert counts == {"hand-written": 2, "project-names": 0, "conventions": 0, "everyday": 0, "mime": 3,
                      "desktop-entry": 0, "python-stdlib": 4, "python-site-packages": 1, "python-api": 0, "debian": 2}


def test_dedupe_keeps_the_higher_priority_source() -> None:
    records = [
        Record("notes.py", "notes from the site-packages", "python-site-packages", "x"),
        Record("Notes.PY", "notes from the stdlib", "python-stdlib", "y"),
        Record("notes.py", "notes from the stdlib, second", "python-stdlib", "y"),
        Record("makefile", "a Makefile build file", "mime", "text/x-makefile"),
        Record("Makefile", "build rules read by make", "hand-written", "Makefile"),
    ]
    corpus = harvest.build_corpus(records, harvest.DEFAULT_CAPS, seed=0)
    assert [(r.filename, r.source) for r in corpus] == [("Makefile", "hand-written"), ("Notes.PY", "python-stdlib")]


def test_cleaning() -> None:
    assert cleaning.clean_description("  Reads   files.  Then more. ", "x.py") == "Reads files"
    assert cleaning.clean_description("x.py", "x.py") is None
    long = ("walks each dir of the tree, reading every file and then parsing it to find the docstrings "
            "of all of its modules")
    assert cleaning.clean_description(long, "x.py") == "walks each dir of the tree"
    assert cleaning.clean_description(" ".join(["word"] * 25), "x.py") is None
    assert cleaning.docstring_summary("json.decoder -- Implementation of JSONDecoder.", "decoder") == (
        "Implementation of JSONDecoder")
    assert cleaning.docstring_summary("decoder\n\nDecodes the JSON wire format.", "decoder") == (
        "Decodes the JSON wire format")
    for doc in ("-*- coding: utf-8 -*-", "Autogenerated by tool; do not edit.", ">>> import x", ".. module:: x",
                "Two words.", "Tools, see https://example.org/tools", "Maintained by Jane Person <jane@example.org>"):
        assert cleaning.docstring_summary(doc, "x") is None, doc
    assert cleaning.lower_initial("Implements the thing") == "implements the thing"
    assert cleaning.lower_initial("Python helpers") == "Python helpers"
    assert cleaning.lower_initial("JSON helpers") == "JSON helpers"


@pytest.mark.parametrize(("comment", "phrase"), [
    ("YAML document", "a YAML document"), ("HTML document", "an HTML document"), ("MP3 audio", "an MP3 audio file"),
    ("FLAC audio", "a FLAC audio file"), ("Ogg video", "an Ogg video file"), ("C source code", "a C source code file"),
    ("Tar archive (gzip-compressed)", "a Tar archive (gzip-compressed)"), ("PGP keys", "a PGP keys file"),
    ("Raw disk image", "a raw disk image"), ("UNIX-compressed file", "a UNIX-compressed file"),
    ("X.509 certificate", "an X.509 certificate"), ("7-zip archive", "a 7-zip archive"),
])
def test_mime_description(comment: str, phrase: str) -> None:
    assert mime.mime_description(comment) == phrase


def test_write_is_atomic(tree: dict[str, Path]) -> None:
    assert main(harvest_args(tree, tree["out"])) == 0
    assert [p.name for p in tree["out"].parent.iterdir()] == [tree["out"].name]
    before = tree["out"].read_bytes()
    unserialisable = Record("a.txt", "a text file", "mime", object())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        harvest.write_jsonl(tree["out"], [Record("b.txt", "b", "mime", "g"), unserialisable])
    assert [p.name for p in tree["out"].parent.iterdir()] == [tree["out"].name]
    assert tree["out"].read_bytes() == before


def test_missing_mime_xml(tree: dict[str, Path], monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    args = harvest_args(tree, tree["out"])
    args[args.index("--mime-xml") + 1] = str(tree["mime"].with_name("missing.xml"))
    assert main(args) == 2
    assert "MIME XML not found" in capsys.readouterr().err and not tree["out"].exists()
    monkeypatch.setattr(harvest, "DEFAULT_MIME_XML", tree["mime"].with_name("missing.xml"))
    i = args.index("--mime-xml")
    assert main(args[:i] + args[i + 2:]) == 0
    assert "warning" in capsys.readouterr().err and not by_source(read_rows(tree["out"]), "mime")


def test_well_known_data_file_is_complete() -> None:
    rows = read_rows(harvest.DEFAULT_WELL_KNOWN)
    names = [row["filename"] for row in rows]
    assert 450 <= len(rows) <= 700 and len({n.lower() for n in names}) == len(names)
    assert all(row["file_desc"] and row["reference"] and len(row["file_desc"].split()) <= 20 for row in rows)
    assert {"Makefile", "Dockerfile", ".gitignore", "pyproject.toml", "conftest.py", "__main__.py"} <= set(names)


def test_docstring_of_truncated_big_file_is_read(tmp_path: Path) -> None:
    from core.qa.pydocs import parse_python_file

    path = write(tmp_path / "big.py", textwrap.dedent('''\
        """Big module."""
        ''') + "".join(f"def f{i}():\n    return '{'é' * 50}'\n\n" for i in range(2000)))
    tree = parse_python_file(path, max_bytes=python_docs.PYTHON_READ_BYTES)
    assert tree is not None and tree.body and len(tree.body) < 2000
