"""What a Training-tab run does, without any GUI: the data it trains and is evaluated on, the `filescribe train`
and `filescribe evaluate` command lines it runs, what their progress events mean, and how a run ended.
"""
from __future__ import annotations

import dataclasses
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.describe.examples import DataError, Example, example_records, load_examples
from desktop_app.gui.training.runs import CANCELLED, FAILED, FINISHED, RunError, RunRecord, RunRegistry, with_results

VALID_SHARE = 0.1  # of the training examples, for the validation loss (early stopping, best checkpoint)
MIN_CORRECTIONS_FLOOR = 3  # one held-out, one validation, one training filename at least
MAX_PROBLEMS_LOGGED = 20
DATA_FILES = ("train.jsonl", "valid.jsonl", "held_out.jsonl", "memory.jsonl")
ERROR_LINE = re.compile(r": error: (.+)$")
EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Interrupt)\b:?\s*(.*)$")


@dataclass(frozen=True)
class TrainingOptions:
    """The Training tab's settings; defaults follow what worked on a few hundred corrections."""

    epochs: int = 10
    lr: float | None = None  # None: the base model's recommended rate (train's default)
    batch_size: int = 16
    fusion: bool = True
    lora: bool = False
    held_out: float = 0.2  # share of the corrections kept apart to evaluate on
    replay: float = 0.5  # "keep general knowledge": share of the training set drawn from the starter corpus
    min_corrections: int = 10
    use_memory: bool = True  # similar examples in the model input, as the app describes
    device: str = "auto"
    allow_download: bool = False
    seed: int = 0
    threads: int | None = None  # CPU threads of the training process (None: the command's default)
    starter_check: int | None = None  # starter test examples scored before and after (None: the default)


def start_blocker(ticked: int, options: TrainingOptions) -> str | None:
    """Why Start is disabled with `ticked` corrections chosen, or None when a run can start."""
    if ticked < options.min_corrections:
        return (f"Training needs at least {options.min_corrections} corrections; "
                f"{ticked} {'is' if ticked == 1 else 'are'} ticked.")
    return None


def split_off(examples: list[Example], share: float, seed: int) -> tuple[list[Example], list[Example]]:
    """(rest, apart): `share` of the distinct filenames (at least one, and at least one left) set apart, by seed."""
    names = list(dict.fromkeys(example.filename for example in examples))
    if len(names) < 2:
        raise DataError(f"Splitting needs at least 2 distinct file names, found {len(names)}.")
    random.Random(seed).shuffle(names)
    apart = set(names[: min(len(names) - 1, max(1, round(len(names) * share)))])
    return [e for e in examples if e.filename not in apart], [e for e in examples if e.filename in apart]


def load_extra(paths: list[Path]) -> tuple[list[Example], list[str]]:
    """The examples of the extra JSONL files and the lines skipped; a file without usable examples is an error."""
    examples: list[Example] = []
    problems: list[str] = []
    for path in paths:
        found, report = load_examples(path)
        if not found:
            first = f"; first problem: {report.problems[0]}" if report.problems else ""
            raise DataError(f"{path} holds no usable filename/file_desc examples ({len(report.problems)} lines "
                            f"rejected{first}).")
        examples += found
        problems += report.problems
    return examples, problems


@dataclass
class PreparedData:
    """How many examples went where, and what the log should say about the data."""

    sizes: dict[str, int]
    notes: list[str] = field(default_factory=list)


def prepare_data(registry: RunRegistry, record: RunRecord, corrections: list[Example], extra_files: list[Path],
                 options: TrainingOptions) -> PreparedData:
    """Write the run's JSONL: held-out corrections (never trained on), training and validation examples, and
    the memory of the evaluation (the corrections trained on)."""
    seed = options.seed
    trained_corrections, held_out = split_off(corrections, options.held_out, seed)
    extra, problems = load_extra(extra_files)
    held_names = {example.filename for example in held_out}
    extra = [example for example in extra if example.filename not in held_names]
    train, valid = split_off(trained_corrections + extra, VALID_SHARE, seed + 1)
    folder = registry.work_dir(record.id)
    for name, examples in zip(DATA_FILES, (train, valid, held_out, trained_corrections), strict=True):
        write_jsonl(folder / name, examples)
    sizes = {"corrections": len(corrections), "extra": len(extra), "train": len(train), "valid": len(valid),
             "held_out": len(held_out)}
    notes = [f"Data: {len(corrections)} corrections ({len(held_out)} held out to evaluate on), "
             f"{len(extra)} extra examples; {len(train)} to train on, {len(valid)} to validate on."]
    notes += [f"Skipped {problem}" for problem in problems[:MAX_PROBLEMS_LOGGED]]
    if len(problems) > MAX_PROBLEMS_LOGGED:
        notes.append(f"... and {len(problems) - MAX_PROBLEMS_LOGGED} more lines skipped")
    return PreparedData(sizes, notes)


def start_run(registry: RunRegistry, base: str, corrections: list[Example], extra_files: list[Path],
              options: TrainingOptions) -> tuple[RunRecord, list[str]]:
    """Register a run and write its data, with the lines the log starts with; unusable data fails it at once."""
    record = registry.new_record(base, dataclasses.asdict(options))
    try:
        prepared = prepare_data(registry, record, corrections, extra_files, options)
    except (DataError, OSError) as exc:
        message = str(exc) if isinstance(exc, DataError) else f"Could not write the run's data: {exc}"
        return registry.end(record, FAILED, message + "\n", message), [message]
    record.sizes = prepared.sizes
    registry.save(record)
    return record, prepared.notes


def finish_run(registry: RunRegistry, record: RunRecord, log: str) -> RunRecord:
    """A run whose evaluation succeeded: finished with its results, or failed if they cannot be read."""
    try:
        return registry.end(with_results(registry, record), FINISHED, log)
    except (RunError, KeyError, TypeError) as exc:
        return registry.end(record, FAILED, log, f"The evaluation report is not usable: {exc}")


def write_jsonl(path: Path, examples: list[Example]) -> None:
    """Examples in the seed's JSONL format (a run's private file: no fsync needed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in example_records(examples)),
                    encoding="utf-8")


def training_command(python: str, registry: RunRegistry, record: RunRecord, options: TrainingOptions) -> list[str]:
    """`python -m training train ...` (what `filescribe train` runs) with progress as JSON lines."""
    work = registry.work_dir(record.id)
    command = [python, "-m", "training", "train", "--train", str(work / DATA_FILES[0]),
               "--valid", str(work / DATA_FILES[1]), "--base", record.base,
               "--out", str(registry.model_dir(record.id)), "--epochs", str(options.epochs),
               "--batch-size", str(options.batch_size), "--seed", str(options.seed), "--replay", f"{options.replay:g}",
               "--device", options.device, "--progress-jsonl", "--cancel-file", str(registry.cancel_file(record.id))]
    command += _flags(no_fusion=not options.fusion, lora=options.lora, no_memory=not options.use_memory,
                      allow_download=options.allow_download)
    if options.lr is not None:
        command += ["--lr", f"{options.lr:g}"]
    if options.threads is not None:
        command += ["--threads", str(options.threads)]
    if options.starter_check is not None:
        command += ["--starter-check", str(options.starter_check)]
    return command


def evaluation_command(python: str, registry: RunRegistry, record: RunRecord, options: TrainingOptions) -> list[str]:
    """`python -m training evaluate ...`: the run against its base on the held-out corrections, with the memory
    the app would give the model (the corrections trained on, never the held-out ones)."""
    work, folder = registry.work_dir(record.id), registry.model_dir(record.id)
    command = [python, "-m", "training", "evaluate", "--model", str(folder), "--base", record.base,
               "--data", str(work / DATA_FILES[2]), "--out", str(folder / "report.json"), "--device", options.device,
               "--progress-jsonl", "--cancel-file", str(registry.cancel_file(record.id))]
    if options.use_memory:
        command += ["--memory", str(work / DATA_FILES[3])]
    if options.threads is not None:
        command += ["--threads", str(options.threads)]
    return command + _flags(no_memory=not options.use_memory, allow_download=options.allow_download)


def _flags(**switches: bool) -> list[str]:
    """`--no-fusion`-style flags of the switches that are on."""
    return [f"--{name.replace('_', '-')}" for name, on in switches.items() if on]


def parse_event(line: str) -> dict[str, Any] | None:
    """The progress event of a `--progress-jsonl` stdout line, or None for any other line."""
    try:
        event = json.loads(line)
    except ValueError:
        return None
    return event if isinstance(event, dict) and isinstance(event.get("event"), str) else None


SCORING = {"starter_check": "Checking general knowledge on the starter test split",
           "evaluate": "Evaluating on the held-out corrections"}


def format_duration(seconds: float) -> str:
    """A remaining time as people say it: 45 s, 3 min, 1 h 20 min."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d} min"


@dataclass
class TrainingProgress:
    """What the progress events of one training process add up to: steps, ETA and the loss curves."""

    max_steps: int = 0
    step: int = 0
    epoch: float = 0.0
    eta_s: float | None = None
    train_loss: list[tuple[int, float]] = field(default_factory=list)
    valid_loss: list[tuple[int, float]] = field(default_factory=list)
    scoring: str | None = None  # what is being scored after training: "starter_check" or "evaluate"
    scored: int = 0  # descriptions generated for it so far
    to_score: int = 0  # ... of this many

    def apply(self, event: dict[str, Any]) -> str | None:
        """Take one event in; returns its line for the log (None for the many scoring ticks)."""
        kind = event["event"]
        if kind == "score":
            self.scoring, self.scored, self.to_score = str(event["phase"]), int(event["done"]), int(event["total"])
            if self.scored < self.to_score:
                return None
            return f"{SCORING.get(self.scoring, self.scoring)}: {self.to_score} descriptions generated"
        self.step = int(event.get("step", self.step))
        self.epoch = float(event.get("epoch", self.epoch))
        if kind == "start":
            self.max_steps = int(event.get("max_steps", 0))
            return f"Training: {self.max_steps} steps, at most {float(event.get('epochs', 0)):g} epochs"
        if kind == "step":
            self.eta_s = event.get("eta_s")
            self.train_loss.append((self.step, float(event["loss"])))
            return f"step {self.step} · epoch {self.epoch:.2f} · loss {event['loss']:.4f}"
        if kind == "eval":
            loss = float(event["eval_loss"])
            self.valid_loss.append((self.step, loss))
            return f"epoch {self.epoch:.2f}: validation loss {loss:.4f} (best {event.get('best_eval_loss', loss):.4f})"
        if kind == "done":
            self.eta_s = 0.0
            best = event.get("best_eval_loss")
            return "Training done" + (f": best validation loss {best:.4f}" if isinstance(best, float) else "")
        return json.dumps(event, ensure_ascii=False)

    def status(self) -> str:
        """One line for the status label: step, epoch and the time left, or what is being scored."""
        if self.scoring is not None:
            return f"{SCORING.get(self.scoring, self.scoring)}: {self.scored} of {self.to_score} descriptions…"
        if not self.max_steps:
            return "Loading the model…"
        text = f"Training: step {self.step} of {self.max_steps} · epoch {self.epoch:.1f}"
        return text + (f" · about {format_duration(self.eta_s)} left" if (self.eta_s or 0) >= 1 else "")


def outcome(exit_code: int, crashed: bool, cancel_requested: bool) -> str | None:
    """How a child process leaves the run: cancelled (asked for), failed, or None to go on."""
    if cancel_requested:
        return CANCELLED
    return None if exit_code == 0 and not crashed else FAILED


def failure_message(what: str, exit_code: int, crashed: bool, output: str) -> str:
    """Why a child process failed, from its last error line; else how it ended."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for line in reversed(lines):
        match = ERROR_LINE.search(line)
        if match:
            return f"{what} failed: {match.group(1)}"
    for line in reversed(lines):
        if EXCEPTION_LINE.match(line):
            return f"{what} failed: {line}"
    if crashed:
        return f"{what} stopped unexpectedly (it crashed or was killed)."
    return f"{what} failed with exit code {exit_code}."
