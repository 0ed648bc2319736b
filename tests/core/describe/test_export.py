"""core.describe.export: descriptions as CSV or JSON lines, written atomically by extension."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from core.describe.export import DescribedFile, csv_lines, export_format, jsonl_lines, write_export
from core.describe.states import CORRECTED, GENERATED, WAITING
from core.errors import FileScribeError

ROWS = [
    DescribedFile("/data/budget.xlsx", "budget.xlsx", 'the "2024" budget, by month', CORRECTED),
    DescribedFile("/data/caf\udce9.txt", "caf\ufffd.txt", "", WAITING),  # a name that is not UTF-8
    DescribedFile(None, "notes.md", "notes\nover two lines", GENERATED),
]


def test_csv_quotes_what_needs_it_and_reads_back() -> None:
    text = "".join(csv_lines(ROWS))
    assert text.splitlines()[0] == "path,filename,description,state"
    assert text.splitlines()[1] == '/data/budget.xlsx,budget.xlsx,"the ""2024"" budget, by month",corrected'
    assert list(csv.reader(text.splitlines(keepends=True))) == [
        ["path", "filename", "description", "state"],
        ["/data/budget.xlsx", "budget.xlsx", 'the "2024" budget, by month', "corrected"],
        ["/data/caf\ufffd.txt", "caf\ufffd.txt", "", "waiting"],
        ["", "notes.md", "notes\nover two lines", "generated"],
    ]


def test_csv_of_no_rows_is_the_header() -> None:
    assert list(csv_lines([])) == ["path,filename,description,state\n"]


def test_jsonl_has_the_same_columns() -> None:
    records = [json.loads(line) for line in jsonl_lines(ROWS)]
    assert records[0] == {"path": "/data/budget.xlsx", "filename": "budget.xlsx",
                          "description": 'the "2024" budget, by month', "state": "corrected"}
    assert records[1]["path"] == "/data/caf\ufffd.txt"
    assert records[2]["path"] is None


@pytest.mark.parametrize(("name", "fmt"), [("a.csv", "csv"), ("A.CSV", "csv"), ("a.jsonl", "jsonl"), ("a.txt", None),
                                           ("csv", None)])
def test_format_by_extension(name: str, fmt: str | None) -> None:
    assert export_format(Path(name)) == fmt


def test_write_export_by_extension(tmp_path: Path) -> None:
    assert write_export(tmp_path / "out.csv", iter(ROWS)) == 3
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").startswith("path,filename,description,state\n")
    assert write_export(tmp_path / "out.jsonl", ROWS) == 3
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 3
    with pytest.raises(FileScribeError, match="out.txt: export to a .csv or a .jsonl file"):
        write_export(tmp_path / "out.txt", ROWS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "out.jsonl"]  # no temporary file left
