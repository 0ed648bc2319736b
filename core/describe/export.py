"""Descriptions of files as CSV or JSON lines (columns path, filename, description, state): the Files tab's
File > Export… and `filescribe describe --format csv` share these writers."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from core.atomic import write_text_atomically
from core.describe.states import DescriptionState
from core.errors import FileScribeError
from core.files.scanner import display_name

COLUMNS = ("path", "filename", "description", "state")
FORMATS = {".csv": "csv", ".jsonl": "jsonl"}  # by file extension


class DescribedFile(NamedTuple):
    """One exported row: the path (None for a bare filename), the filename, its description and its state."""

    path: str | None
    filename: str
    description: str
    state: DescriptionState


def _fields(row: DescribedFile) -> tuple[str | None, str, str, str]:
    """The row's values as valid text (a path that is not UTF-8 gets U+FFFD, as shown)."""
    return (None if row.path is None else display_name(row.path), row.filename, row.description, row.state.value)


def csv_lines(rows: Iterable[DescribedFile]) -> Iterator[str]:
    """A header line, then one CSV line per row (quoted as needed, "\\n" line ends, no path: empty)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for fields in (COLUMNS, *map(_fields, rows)):
        writer.writerow(fields)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def jsonl_lines(rows: Iterable[DescribedFile]) -> Iterator[str]:
    """One JSON object per row and line, with the CSV's columns as keys (no path: null)."""
    for row in rows:
        yield json.dumps(dict(zip(COLUMNS, _fields(row), strict=True)), ensure_ascii=False) + "\n"


def export_format(target: Path) -> str | None:
    """"csv" or "jsonl" by the file's extension (any case); None for another extension."""
    return FORMATS.get(target.suffix.lower())


def write_export(target: Path, rows: Iterable[DescribedFile]) -> int:
    """Write `rows` to `target` atomically, as CSV or JSON lines by its extension; returns how many rows."""
    fmt = export_format(target)
    if fmt is None:
        raise FileScribeError(f"{display_name(target.name)}: export to a .csv or a .jsonl file")
    rows = list(rows)
    write_text_atomically(target, csv_lines(rows) if fmt == "csv" else jsonl_lines(rows))
    return len(rows)
