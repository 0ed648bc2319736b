"""Filename -> description examples and their JSONL form (`id`, `filename`, `file_desc`)."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import FileScribeError
from core.files.scanner import valid_text

MAX_DESCRIPTION_CHARS = 500


class DataError(FileScribeError):
    """A data file is malformed (raised in strict mode, with file:line)."""


@dataclass(frozen=True)
class RecordShape:
    """The input and target text fields of a JSONL record, and the longest target accepted."""

    input_field: str
    target_field: str
    max_target_chars: int


DESCRIPTION_SHAPE = RecordShape("filename", "file_desc", MAX_DESCRIPTION_CHARS)


@dataclass(frozen=True)
class Example:
    """One training or memory example: a filename and its description."""

    filename: str
    description: str
    source: str = ""


@dataclass
class LoadReport:
    """What loading a file kept and why it skipped the rest (`file:line: reason`)."""

    kept: int = 0
    problems: list[str] = field(default_factory=list)


def parse_json_line(line: str) -> tuple[Any, str | None]:
    """The JSON value of one line, or None and why it is not JSON (nesting too deep, numbers too long too)."""
    try:
        return json.loads(line), None
    except RecursionError:
        return None, "nested too deeply"
    except ValueError as exc:  # JSONDecodeError, or an integer too long to convert
        return None, getattr(exc, "msg", str(exc))


def iter_json_lines(path: Path, report: LoadReport, strict: bool) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each JSON object line; bad lines reported or raised."""
    with path.open("r", encoding="utf-8-sig", errors="replace") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record, error = parse_json_line(line)
            if error is not None:
                note_problem(report, f"{path}:{line_no}: not valid JSON ({error})", strict)
                continue
            if not isinstance(record, dict):
                note_problem(report, f"{path}:{line_no}: expected a JSON object", strict)
                continue
            yield line_no, record


def note_problem(report: LoadReport, message: str, strict: bool) -> None:
    """Record a problem, or raise it at once in strict mode."""
    if strict:
        raise DataError(message)
    report.problems.append(message)


def text_field(record: dict[str, Any], name: str) -> str | None:
    """A non-empty single-line string field, or None."""
    value = record.get(name)
    if not isinstance(value, str):
        return None
    value = " ".join(valid_text(value).split())
    return value or None


def load_examples(
    path: Path, strict: bool = False, shape: RecordShape = DESCRIPTION_SHAPE
) -> tuple[list[Example], LoadReport]:
    """Read `filename`/`file_desc` JSONL (or another `shape`): malformed, empty, over-long, duplicate lines reported."""
    report = LoadReport()
    examples: list[Example] = []
    seen: set[tuple[str, str]] = set()
    fields = f"'{shape.input_field}' and '{shape.target_field}'"
    try:
        for line_no, record in iter_json_lines(path, report, strict):
            where = f"{path}:{line_no}"
            filename, description = text_field(record, shape.input_field), text_field(record, shape.target_field)
            if filename is None or description is None:
                note_problem(report, f"{where}: needs non-empty text fields {fields}", strict)
            elif len(description) > shape.max_target_chars:
                message = f"{where}: {shape.target_field} longer than {shape.max_target_chars} characters"
                note_problem(report, message, strict)
            elif (filename, description) in seen:
                note_problem(report, f"{where}: duplicate of an earlier line", strict)
            else:
                seen.add((filename, description))
                examples.append(Example(filename, description, valid_text(str(record.get("source", "")))))
    except OSError as exc:
        raise DataError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    report.kept = len(examples)
    return examples, report


def example_records(examples: Iterable[Example]) -> Iterator[dict[str, Any]]:
    """The seed's JSONL records for `examples`, numbered from 1."""
    for number, example in enumerate(examples, start=1):
        yield {"id": number, "filename": example.filename, "file_desc": example.description}
