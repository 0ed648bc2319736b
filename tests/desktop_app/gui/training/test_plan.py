"""A Training-tab run without the GUI: when Start is allowed, the held-out split, the data written, the command
lines (checked against the real command parsers), progress events, and how failures are explained."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.describe.examples import DataError, Example
from desktop_app.gui.training.plan import (
    DATA_FILES,
    TrainingOptions,
    TrainingProgress,
    evaluation_command,
    failure_message,
    format_duration,
    outcome,
    split_off,
    start_blocker,
    start_run,
    training_command,
)
from desktop_app.gui.training.runs import CANCELLED, FAILED, RUNNING, RunRegistry

CORRECTIONS = [Example(f"file_{n}.txt", f"text number {n}") for n in range(20)]


def names(path: Path) -> list[str]:
    return [json.loads(line)["filename"] for line in path.read_text().splitlines()]


def test_start_needs_the_minimum_of_ticked_corrections() -> None:
    options = TrainingOptions(min_corrections=10)
    reason = start_blocker(9, options)
    assert reason is not None and "10" in reason and "9 are ticked" in reason
    assert start_blocker(1, options).endswith("1 is ticked.")
    assert start_blocker(10, options) is None


def test_split_off_sets_whole_filenames_apart_by_seed() -> None:
    examples = [*CORRECTIONS, Example("file_3.txt", "another text for the same name")]
    rest, apart = split_off(examples, 0.2, seed=7)
    assert len({e.filename for e in apart}) == 4  # 20% of 20 distinct names
    assert not {e.filename for e in rest} & {e.filename for e in apart}
    assert sorted(rest + apart, key=lambda e: (e.filename, e.description)) == sorted(
        examples, key=lambda e: (e.filename, e.description))
    assert split_off(examples, 0.2, seed=7) == (rest, apart)
    assert split_off(examples, 0.2, seed=8) != (rest, apart)
    assert len(split_off(CORRECTIONS[:2], 0.01, 0)[1]) == 1 and len(split_off(CORRECTIONS[:2], 0.99, 0)[0]) == 1
    with pytest.raises(DataError):
        split_off(CORRECTIONS[:1], 0.2, 0)


def test_a_run_trains_without_its_held_out_corrections(tmp_path: Path) -> None:
    registry = RunRegistry(tmp_path / "training")
    extra = tmp_path / "extra.jsonl"
    leaked = CORRECTIONS[0].filename
    extra.write_text("".join(json.dumps({"filename": n, "file_desc": "extra"}) + "\n"
                             for n in ("extra_a.txt", "extra_b.txt", *(c.filename for c in CORRECTIONS[:20])))
                     + "not json\n")
    record, notes = start_run(registry, "starter", CORRECTIONS, [extra], TrainingOptions(held_out=0.25))
    assert record.status == RUNNING and registry.records() == [record]
    work = registry.work_dir(record.id)
    train, valid, held_out, memory = (names(work / name) for name in DATA_FILES)
    assert len(held_out) == 5 and set(held_out) <= {c.filename for c in CORRECTIONS}
    assert not set(held_out) & set(train + valid + memory)
    assert sorted(memory) == sorted(c.filename for c in CORRECTIONS if c.filename not in held_out)
    assert {"extra_a.txt", "extra_b.txt"} <= set(train + valid) and leaked in held_out + train + valid
    assert record.sizes == {"corrections": 20, "extra": 17, "train": len(train), "valid": len(valid), "held_out": 5}
    assert any("not valid JSON" in note and "extra.jsonl:23" in note for note in notes)


def test_unusable_extra_data_fails_the_run_at_once(tmp_path: Path) -> None:
    registry = RunRegistry(tmp_path / "training")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "q", "answer": "a"}\nrubbish\n')
    record, notes = start_run(registry, "starter", CORRECTIONS, [bad], TrainingOptions())
    assert record.status == FAILED and "bad.jsonl holds no usable" in record.error and notes == [record.error]
    assert registry.records() == [record] and not registry.work_dir(record.id).exists()
    assert registry.read_log(record.id).startswith(record.error)


def parse(command: list[str]):
    """The command's arguments as the real `python -m training` parser reads them."""
    from training.cli import build_parser

    assert command[1:3] == ["-m", "training"]
    return build_parser().parse_args(command[3:])


def test_the_commands_are_valid_and_carry_every_option(tmp_path: Path) -> None:
    registry = RunRegistry(tmp_path)
    record = registry.new_record("starter", {})
    options = TrainingOptions(epochs=4, lr=1e-3, batch_size=8, fusion=False, lora=True, replay=0.3, seed=5,
                              use_memory=False, device="cpu", threads=1, starter_check=0)
    train = parse(training_command("python", registry, record, options))
    work, model = registry.work_dir(record.id), registry.model_dir(record.id)
    assert (train.command, train.train, train.valid, train.out, train.base) == (
        "train", work / "train.jsonl", work / "valid.jsonl", model, "starter")
    assert (train.epochs, train.lr, train.batch_size, train.seed, train.replay) == (4, 1e-3, 8, 5, 0.3)
    assert train.threads == 1 and train.device == "cpu"
    assert train.no_fusion and train.lora and train.no_memory and train.progress_jsonl and train.starter_check == 0
    evaluate = parse(evaluation_command("python", registry, record, options))
    assert (evaluate.model, evaluate.base, evaluate.data, evaluate.out) == (
        str(model), "starter", work / "held_out.jsonl", model / "report.json")
    assert evaluate.no_memory and evaluate.memory == [] and evaluate.threads == 1 and evaluate.progress_jsonl
    assert train.cancel_file == evaluate.cancel_file == registry.cancel_file(record.id) == work / "cancel"
    defaults = parse(training_command("python", registry, record, TrainingOptions()))
    assert not (defaults.no_fusion or defaults.lora or defaults.no_memory) and defaults.threads is None
    assert defaults.lr is None  # the base model's recommended rate
    assert parse(evaluation_command("python", registry, record, TrainingOptions())).memory == [work / "memory.jsonl"]


def test_progress_events_become_status_curves_and_log_lines() -> None:
    progress = TrainingProgress()
    assert progress.status() == "Loading the model…"
    lines = [progress.apply(event) for event in (
        {"event": "start", "max_steps": 10, "epochs": 2.0, "step": 0},
        {"event": "step", "step": 1, "epoch": 0.2, "loss": 4.5, "learning_rate": 1e-4, "eta_s": None},
        {"event": "step", "step": 5, "epoch": 1.0, "loss": 3.25, "learning_rate": 1e-4, "eta_s": 130.0},
        {"event": "eval", "step": 5, "epoch": 1.0, "eval_loss": 3.5, "best_eval_loss": 3.5},
        {"event": "starter_check", "rouge1": 0.2},
    )]
    assert lines[:2] == ["Training: 10 steps, at most 2 epochs", "step 1 · epoch 0.20 · loss 4.5000"]
    assert lines[3] == "epoch 1.00: validation loss 3.5000 (best 3.5000)"
    assert json.loads(lines[4]) == {"event": "starter_check", "rouge1": 0.2}
    assert progress.train_loss == [(1, 4.5), (5, 3.25)] and progress.valid_loss == [(5, 3.5)]
    assert progress.status() == "Training: step 5 of 10 · epoch 1.0 · about 2 min left"
    assert progress.apply({"event": "done", "out": "x", "best_eval_loss": 3.5}).endswith("3.5000")
    assert progress.status() == "Training: step 5 of 10 · epoch 1.0"


def test_scoring_events_show_how_far_the_starter_check_and_the_evaluation_are() -> None:
    progress = TrainingProgress(max_steps=10, step=10)
    assert progress.apply({"event": "score", "phase": "starter_check", "done": 32, "total": 200}) is None
    assert progress.status() == "Checking general knowledge on the starter test split: 32 of 200 descriptions…"
    line = progress.apply({"event": "score", "phase": "starter_check", "done": 200, "total": 200})
    assert line == "Checking general knowledge on the starter test split: 200 descriptions generated"
    progress.apply({"event": "score", "phase": "evaluate", "done": 8, "total": 16})
    assert progress.status() == "Evaluating on the held-out corrections: 8 of 16 descriptions…"


def test_durations_read_as_people_say_them() -> None:
    assert [format_duration(s) for s in (0.4, 45, 89, 3600 * 2 + 60 * 5)] == ["0 s", "45 s", "1 min", "2 h 05 min"]


def test_outcomes_and_failure_messages() -> None:
    assert outcome(0, False, False) is None
    assert outcome(143, False, True) == CANCELLED and outcome(0, False, True) == CANCELLED
    assert outcome(2, False, False) == FAILED and outcome(0, True, False) == FAILED
    output = "train: data.jsonl: 3 examples\npython: error: No model folder at /nowhere.\n"
    assert failure_message("Training", 2, False, output) == "Training failed: No model folder at /nowhere."
    traceback = "Traceback (most recent call last):\n  File \"x.py\", line 1\nRuntimeError: out of memory\n"
    assert failure_message("Training", 1, False, traceback) == "Training failed: RuntimeError: out of memory"
    assert "stopped unexpectedly" in failure_message("Training", 9, True, "step 3\n")
    assert failure_message("The evaluation", 3, False, "") == "The evaluation failed with exit code 3."
