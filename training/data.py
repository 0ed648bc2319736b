"""Training data: JSONL in the description or the Q&A shape, validated, and split 85/10/5 by input text."""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from core.describe.examples import (
    DESCRIPTION_SHAPE,
    DataError,
    Example,
    LoadReport,
    RecordShape,
    example_records,
    iter_json_lines,
    load_examples,
)
from core.logs import command_logger

QA_SHAPE = RecordShape("question", "answer", 4000)
SPLIT_SHARES = (0.85, 0.10, 0.05)  # train, validation, test: the seed's split
MAX_PROBLEMS_SHOWN = 20


@dataclass(frozen=True)
class LoadedData:
    """The examples of one file, the shape they were read in and what was skipped."""

    examples: list[Example]
    shape: RecordShape
    report: LoadReport


@dataclass(frozen=True)
class Splits:
    """Train, validation and test examples (test is empty when the validation set was given)."""

    train: list[Example]
    valid: list[Example]
    test: list[Example]

    def sizes(self) -> dict[str, int]:
        """Number of examples per split."""
        return {"train": len(self.train), "valid": len(self.valid), "test": len(self.test)}


def detect_shape(path: Path) -> RecordShape:
    """QA_SHAPE when the first JSON object of the file has a `question` field, else the description shape."""
    try:
        for _, record in iter_json_lines(path, LoadReport(), strict=False):
            return QA_SHAPE if QA_SHAPE.input_field in record else DESCRIPTION_SHAPE
    except OSError as exc:
        raise DataError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    return DESCRIPTION_SHAPE


def load_data(path: Path, strict: bool = False, shape: RecordShape | None = None) -> LoadedData:
    """Load `path` in `shape` (detected when None); an empty result is an error."""
    shape = shape or detect_shape(path)
    examples, report = load_examples(path, strict=strict, shape=shape)
    if not examples:
        problems = f" ({len(report.problems)} lines rejected, first: {report.problems[0]})" if report.problems else ""
        raise DataError(f"{path} holds no usable {shape.input_field}/{shape.target_field} examples{problems}.")
    return LoadedData(examples, shape, report)


def print_report(path: Path, loaded: LoadedData, prog: str) -> None:
    """Report the count kept and the `file:line: reason` of skipped lines as `prog`'s messages (stderr and log)."""
    messages, problems = command_logger(prog), loaded.report.problems
    messages.info(f"{path}: {len(loaded.examples)} examples, {len(problems)} lines skipped")
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        messages.info(f"skipped {problem}")
    if len(problems) > MAX_PROBLEMS_SHOWN:
        messages.info(f"... and {len(problems) - MAX_PROBLEMS_SHOWN} more")


def split_examples(examples: list[Example], seed: int) -> Splits:
    """Deterministic 85/10/5 split by distinct input text, so a filename never lands in two splits."""
    groups = list(dict.fromkeys(example.filename for example in examples))
    if len(groups) < 3:
        raise DataError(f"Splitting needs at least 3 distinct inputs, found {len(groups)}; give --valid too.")
    random.Random(seed).shuffle(groups)
    n_test = max(1, round(len(groups) * SPLIT_SHARES[2]))
    n_valid = max(1, round(len(groups) * SPLIT_SHARES[1]))
    test_names, valid_names = set(groups[:n_test]), set(groups[n_test : n_test + n_valid])
    return Splits(
        train=[e for e in examples if e.filename not in test_names and e.filename not in valid_names],
        valid=[e for e in examples if e.filename in valid_names],
        test=[e for e in examples if e.filename in test_names],
    )


def write_examples(path: Path, examples: list[Example]) -> None:
    """Write `examples` as the seed's JSONL, atomically."""
    from core.atomic import write_text_atomically

    write_text_atomically(path, (json.dumps(record, ensure_ascii=False) + "\n" for record in example_records(examples)))
