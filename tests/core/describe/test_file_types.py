"""File types from names: the shared-mime-info rules, and the shipped table where the database is missing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.describe import file_types
from core.describe.file_types import Glob, TypeTable, parse_globs2, shipped_table

GLOBS2 = """# comment
50:text/x-csrc:*.c:cs
50:text/x-csrc:*.c
50:text/x-c++src:*.C:cs
50:text/x-c++src:*.C
50:application/gzip:*.gz
50:application/x-compressed-tar:*.tar.gz
10:text/x-readme:readme*
50:text/x-makefile:makefile
80:application/x-cd-image:*.iso
50:application/x-sega-cd-rom:*.iso
50:application/x-core:core:cs
50:application/x-old:*.old:__NOGLOBS__
"""
COMMENTS = {"text/x-csrc": "C source code", "text/x-c++src": "C++ source code", "application/gzip": "Gzip archive",
            "application/x-compressed-tar": "Tar archive (gzip-compressed)", "text/x-readme": "README document",
            "text/x-makefile": "Makefile build file", "application/x-cd-image": "raw CD image",
            "application/x-core": "program crash data"}


@pytest.fixture
def table() -> TypeTable:
    return TypeTable(parse_globs2(GLOBS2), COMMENTS.get, "test")


@pytest.mark.parametrize(("name", "comment"), [
    ("main.c", "C source code"), ("main.C", "C++ source code"),  # the exact case wins over case-insensitive rules
    ("backup.tar.gz", "Tar archive (gzip-compressed)"), ("BACKUP.TAR.GZ", "Tar archive (gzip-compressed)"),
    ("notes.gz", "Gzip archive"), ("README", "README document"), ("readme.txt", "README document"),
    ("Makefile", "Makefile build file"), ("ubuntu.iso", "raw CD image"),  # the higher weight wins
    ("core", "program crash data"), ("Core", None), ("photo.jpeg", None), ("ps", None), ("archive.old", None),
])
def test_glob_rules(table: TypeTable, name: str, comment: str | None) -> None:
    assert table.comment(name) == comment


def test_parse_globs2_reads_weights_and_flags() -> None:
    globs = parse_globs2(GLOBS2)
    assert globs[0] == Glob(50, "text/x-csrc", "*.c", True) and globs[1].case_sensitive is False
    assert all(g.pattern != "__NOGLOBS__" for g in globs)


def test_english_comment_skips_translations() -> None:
    xml = ('<mime-type xmlns="http://www.freedesktop.org/standards/shared-mime-info" type="application/pdf">'
           '<comment xml:lang="de">PDF-Dokument</comment><comment>PDF   document</comment></mime-type>')
    assert file_types.english_comment(xml) == "PDF document"


def test_shipped_table_answers_as_the_database_does() -> None:
    shipped = shipped_table()
    assert shipped.origin == "shipped table"
    expected = {"report.pdf": "PDF document", "song.mp3": "MP3 audio", "IMG_1234.HEIC": "HEIF image",
                "budget.xlsx": "Excel 2007 spreadsheet", "main.py": "Python script", "backup.tar.gz":
                "Tar archive (gzip-compressed)", "photo.JPG": "JPEG image", "ps": None}
    assert {name: shipped.comment(name) for name in expected} == expected


def test_without_shared_mime_info_the_shipped_table_is_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_DIRS", str(tmp_path / "none"))
    file_types.default_table.cache_clear()
    try:
        assert file_types.mime_dirs() == []
        assert file_types.default_table().origin == "shipped table"
        assert file_types.type_comment("Tax_Return_2023.pdf") == "PDF document"
    finally:
        file_types.default_table.cache_clear()


def test_a_users_database_comes_first(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    mime = tmp_path / "home" / "mime"
    (mime / "text").mkdir(parents=True)
    (mime / "globs2").write_text("50:text/x-fsnote:*.fsnote\n", encoding="utf-8")
    (mime / "text" / "x-fsnote.xml").write_text(
        '<mime-type xmlns="http://www.freedesktop.org/standards/shared-mime-info" type="text/x-fsnote">'
        "<comment>FileScribe note</comment></mime-type>", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_DIRS", str(tmp_path / "none"))
    assert file_types.system_table(file_types.mime_dirs()).comment("a.fsnote") == "FileScribe note"


def test_table_round_trips_through_the_shipped_form(table: TypeTable, tmp_path: Path) -> None:
    path = tmp_path / "types.json"
    path.write_text(json.dumps(file_types.table_as_json(table)), encoding="utf-8")
    again = shipped_table(path)
    for name in ("main.c", "main.C", "backup.tar.gz", "README", "core", "ubuntu.iso"):
        assert again.comment(name) == table.comment(name), name


def test_extra_types_fill_gaps_and_never_change_the_databases_answers(table: TypeTable) -> None:
    extra = TypeTable([Glob(50, "text/x-swift", "*.swift"), Glob(50, "text/x-c-copy", "*.c"),
                       Glob(50, "text/x-go-module", "go.mod"), Glob(50, "text/x-readme", "*.readme")],
                      {"text/x-swift": "Swift source code", "text/x-c-copy": "another C",
                       "text/x-go-module": "Go module definition"}.get, "extra")
    both = file_types.with_extra_types(table, extra)
    assert both.origin == "test"
    assert both.comment("AppDelegate.swift") == "Swift source code"  # a gap filled
    assert both.comment("main.c") == "C source code"  # a tie: the database's rule comes first
    assert both.comment("go.mod") == "Go module definition"  # a literal name, as the spec ranks them
    assert both.comment("notes.readme") == "README document"  # an extra rule for a type the database describes
    assert both.comment("ps") is None


def test_the_shipped_extra_types_only_add_to_the_database() -> None:
    database, extra = shipped_table(), shipped_table(file_types.extra_table_path())
    assert all(extra.type_comment(g.mime_type) for g in extra.globs)
    for glob in extra.globs:
        if glob.pattern.startswith("*.") and glob.weight <= 50:  # no extension the database already types
            assert database.mime_type("x" + glob.pattern[1:]) is None, glob.pattern
    # ... but three that it types by a tie between a rare type and the one people have, broken at weight 55
    tie_breaks = {g.pattern: g.mime_type for g in extra.globs if g.pattern.startswith("*.") and g.weight > 50}
    assert tie_breaks == {"*.ts": "text/x-typescript", "*.otf": "font/otf", "*.obj": "model/obj"}
    assert [database.comment(n) for n in ("index.ts", "Roboto-Bold.otf", "teapot.obj")] == [
        "message catalog", "ODF template", "TGIF document"]  # the database's first rule of the tie
    assert database.comment("Roboto-Bold.otf") != database.type_comment("font/otf")
    both = file_types.with_extra_types(database, extra)
    expected = {"AppDelegate.swift": "Swift source code", "taxi_trips.parquet": "Apache Parquet data",
                "Passwords.kdbx": "KeePass password database", "setup.ps1": "PowerShell script",
                "yarn.lock": "Yarn lockfile", "settings.ini": "INI configuration file",
                "places.sqlite": "SQLite3 database", "report.pdf": "PDF document", "song.mp3": "MP3 audio",
                "index.ts": "TypeScript source code", "Roboto-Bold.otf": "OpenType font", "teapot.obj": "OBJ 3D model",
                "._report.pdf": "Macintosh AppleDouble-encoded file"}  # outranks the database's answer
    assert {name: both.comment(name) for name in expected} == expected


def test_the_type_column_and_the_prompt_see_the_extra_types() -> None:
    assert file_types.type_comment("model.pkl") == "Python pickle"
    assert file_types.type_comment("song.mod") == "Amiga SoundTracker audio"  # the database's own rule stays
