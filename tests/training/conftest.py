"""Fixtures of the training tests: a toy description set and one fine-tuned tiny run shared by many tests."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

STEMS = ("report", "budget", "notes", "invoice", "holiday", "main", "utils", "data", "config", "backup", "photo",
         "song")
KINDS = {
    ".pdf": "a PDF document",
    ".jpg": "a JPEG image",
    ".py": "Python source code",
    ".csv": "comma separated values table",
    ".yaml": "configuration settings for an application",
}
TOY_EXAMPLES = [(f"{stem}{ext}", description) for stem in STEMS for ext, description in KINDS.items()]
# One thread: tiny models gain nothing from more, and a busy shared CPU makes two threads very slow.
# No example memory in the prompts: the toy tests are about the lexical embedding (memory: test_neighbours_replay).
TOY_TRAIN_OPTIONS = ["--epochs", "15", "--lr", "1e-2", "--batch-size", "8", "--early-stopping", "0", "--threads", "1",
                     "--no-memory"]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    """Write `records` one JSON object per line."""
    path.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), encoding="utf-8")
    return path


def toy_records() -> list[dict]:
    """The toy set in the seed's JSONL shape: the description depends on the extension only."""
    return [{"id": i, "filename": name, "file_desc": desc} for i, (name, desc) in enumerate(TOY_EXAMPLES)]


# Toy runs are about the toy set: no starter examples replayed, no check on the starter test split.
WITHOUT_STARTER = ["--replay", "0", "--starter-check", "0"]


def train_in_process(argv: list[str], lexical=None) -> Path:
    """Parse `python -m training train ARGV` and run the fine-tune in this process; returns --out.

    WITHOUT_STARTER comes first, so that ARGV can still set --replay and --starter-check.
    """
    from training.cancel import CancelGuard
    from training.cli import build_parser
    from training.commands import train as finetune

    args = build_parser().parse_args(["train", *WITHOUT_STARTER, *argv])
    with CancelGuard() as guard:
        return finetune.train(args, guard, lexical=lexical)


@pytest.fixture(scope="session")
def toy_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The toy description set as a JSONL file."""
    return write_jsonl(tmp_path_factory.mktemp("toy") / "toy.jsonl", toy_records())


@pytest.fixture(scope="session")
def trained_run(
    tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path, lexical_encoder, toy_jsonl: Path
) -> Path:
    """The tiny model fine-tuned on the toy set (fusion on, defaults otherwise), trained once per session."""
    out = tmp_path_factory.mktemp("runs") / "toy-run"
    return train_in_process(["--train", str(toy_jsonl), "--base", str(tiny_model_dir), "--out", str(out),
                             *TOY_TRAIN_OPTIONS], lexical=lexical_encoder)
