"""The training-run registry: model folders of the Training tab's runs, their inputs and logs, and the history.

Layout under `<data dir>/training/`: `history.json` (one record per run, newest first), `runs/<id>/` (the model
folder `filescribe train` writes, then the evaluation report), `work/<id>/` (the JSONL the run trained and was
evaluated on) and `logs/<id>.log`. Only finished runs keep a model folder. One caller thread at a time.
"""
from __future__ import annotations

import dataclasses
import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.atomic import write_text_atomically
from core.errors import FileScribeError
from core.store import default_data_dir
from training.comparison import Verdict, judge

RUNNING, FINISHED, CANCELLED, FAILED = "running", "finished", "cancelled", "failed"
STATUSES = (RUNNING, FINISHED, CANCELLED, FAILED)
TRAINING_FOLDER = "training"
HISTORY_FILENAME = "history.json"
REPORT_FILENAME = "report.json"
METRICS_FILENAME = "metrics.json"
LOSS_FILENAME = "loss_history.json"
INTERRUPTED = "The run was interrupted: FileScribe closed or stopped while it trained."


class RunError(FileScribeError):
    """A training run cannot go on (its data or its results are not usable)."""


@dataclass
class RunRecord:
    """One training run as the history shows it: when, from which model, on how much data, how it ended."""

    id: str
    created: float
    base: str
    status: str = RUNNING
    options: dict[str, Any] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)  # corrections, extra, train, valid, held_out
    rouge: dict[str, dict[str, float]] | None = None  # base, finetuned, improvement (report.json)
    starter_test: dict[str, Any] | None = None  # metrics.json "starter_test": base, finetuned, n
    error: str | None = None
    ended: float | None = None
    number: int = 0  # "Run 3": 1 for the first run of this data folder

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunRecord:
        """A record from its JSON form; unknown keys are ignored."""
        names = {item.name for item in dataclasses.fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})

    @property
    def examples(self) -> int:
        """How many examples the run trained on (corrections, extra files and their validation share)."""
        return self.sizes.get("train", 0) + self.sizes.get("valid", 0)


class RunRegistry:
    """The runs folder and its history file."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def open(cls, data_dir: Path | None = None) -> RunRegistry:
        """The registry in `data_dir` (default: the store's data folder); its paths are absolute, since a run's
        folder becomes the app's model spec."""
        return cls((data_dir or default_data_dir()).expanduser().absolute() / TRAINING_FOLDER)

    @property
    def history_path(self) -> Path:
        return self.root / HISTORY_FILENAME

    def model_dir(self, run_id: str) -> Path:
        """The run's model folder (`train --out`); it exists only for a finished run."""
        return self.root / "runs" / run_id

    def work_dir(self, run_id: str) -> Path:
        """The JSONL files the run trains on and is evaluated on."""
        return self.root / "work" / run_id

    def cancel_file(self, run_id: str) -> Path:
        """The file whose appearance asks the run's `train` or `evaluate` process to stop (`--cancel-file`)."""
        return self.work_dir(run_id) / "cancel"

    def log_path(self, run_id: str) -> Path:
        """The run's log (the training and evaluation output)."""
        return self.root / "logs" / f"{run_id}.log"

    def records(self) -> list[RunRecord]:
        """Every run, newest first; a missing or damaged history reads as empty. Runs recorded before runs had
        numbers are numbered by their place, the oldest 1."""
        try:
            data = json.loads(self.history_path.read_text(encoding="utf-8"))
            records = [RunRecord.from_dict(item) for item in data["runs"]]
        except (OSError, ValueError, KeyError, TypeError):
            return []
        return [r if r.number else dataclasses.replace(r, number=len(records) - place)
                for place, r in enumerate(records)]

    def _write(self, records: list[RunRecord]) -> None:
        text = json.dumps({"runs": [dataclasses.asdict(r) for r in records]}, indent=2, ensure_ascii=False)
        write_text_atomically(self.history_path, [text, "\n"])

    def new_record(self, base: str, options: dict[str, Any]) -> RunRecord:
        """A running record with an id no other run has (its date and time) and the next number, saved at once."""
        now = time.time()
        number = 1 + max((r.number for r in self.records()), default=0)
        record = RunRecord(self._free_id(time.strftime("run-%Y%m%d-%H%M%S", time.localtime(now))), now, base,
                           options=options, number=number)
        self.save(record)
        return record

    def _free_id(self, stem: str) -> str:
        """`stem`, or `stem-2`, `stem-3`... whichever no run uses yet."""
        taken = {record.id for record in self.records()}
        number, candidate = 1, stem
        while candidate in taken or self.work_dir(candidate).exists():
            number += 1
            candidate = f"{stem}-{number}"
        return candidate

    def save(self, record: RunRecord) -> None:
        """Add or replace `record` in the history."""
        others = [r for r in self.records() if r.id != record.id]
        self._write(sorted([record, *others], key=lambda r: r.created, reverse=True))

    def end(self, record: RunRecord, status: str, log: str, error: str | None = None) -> RunRecord:
        """Record how a run ended and keep its log; only a finished run keeps its model folder and inputs."""
        record = dataclasses.replace(record, status=status, error=error, ended=time.time())
        write_text_atomically(self.log_path(record.id), [log])
        if status != FINISHED:
            self._remove_outputs(record.id)
        self.save(record)
        return record

    def _remove_outputs(self, run_id: str) -> None:
        """The model folder, what `train` may have left half-built beside it, and the run's inputs."""
        model = self.model_dir(run_id)
        for folder in (model, model.parent / f".{model.name}.partial", self.work_dir(run_id)):
            shutil.rmtree(folder, ignore_errors=True)

    def delete(self, run_id: str) -> None:
        """Forget a run: its record, model folder, inputs and log."""
        self._remove_outputs(run_id)
        self.log_path(run_id).unlink(missing_ok=True)
        self._write([r for r in self.records() if r.id != run_id])

    def recover(self) -> list[RunRecord]:
        """Runs still marked running belong to an app that is gone: they failed. Returns the history."""
        for record in self.records():
            if record.status == RUNNING:
                log = self.log_path(record.id)
                self.end(record, FAILED, log.read_text(encoding="utf-8") if log.is_file() else "", INTERRUPTED)
        return self.records()

    def read_log(self, run_id: str) -> str:
        """The saved log of a run ("" if it has none)."""
        try:
            return self.log_path(run_id).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def run_of(self, model_spec: str) -> str | None:
        """The id of the run whose model folder `model_spec` names, if any."""
        try:
            folder = Path(model_spec).expanduser().resolve()
        except (OSError, RuntimeError):
            return None
        runs = (self.root / "runs").resolve()
        return folder.name if folder.parent == runs else None

    def base_of(self, model_spec: str, records: list[RunRecord]) -> str:
        """The model runs start from: `model_spec`, or the base of the run (among `records`) it names."""
        run_id = self.run_of(model_spec)
        return next((record.base for record in records if record.id == run_id), model_spec)

    def model_name(self, model_spec: str, records: list[RunRecord]) -> str:
        """How the window names a model: a run's name ("Run 3"), "starter", a hub id, or a folder's name (never
        its path)."""
        run_id = self.run_of(model_spec)
        run = next((record for record in records if record.id == run_id), None)
        if run is not None:
            return run_name(run)
        return spec_name(model_spec)

    def run_title(self, record: RunRecord, records: list[RunRecord]) -> str:
        """A run as the window titles it: "Run 3 — starter + 200 corrections"."""
        data = f"{record.sizes.get('corrections', 0)} corrections" if record.sizes else "your corrections"
        extra = record.sizes.get("extra", 0)
        return (f"{run_name(record)} — {self.model_name(record.base, records)} + {data}"
                + (f" + {extra} examples from files" if extra else ""))


def run_name(record: RunRecord) -> str:
    """The run's short name, "Run 3"."""
    return f"Run {record.number}"


def spec_name(model_spec: str) -> str:
    """The name of a model spec that is no run: "starter" (also for the starter's folder), the folder's name for an
    absolute or home path, else the spec as typed (a hub id, "auto", a relative folder)."""
    from core.describe.model_loading import STARTER_SPEC, starter_path

    folder = Path(model_spec).expanduser()
    if not folder.is_absolute():
        return model_spec
    return STARTER_SPEC if folder.resolve() == starter_path().resolve() else folder.name or model_spec


def read_json(path: Path) -> dict[str, Any] | None:
    """A JSON object from a file; None when the file is missing, damaged or holds something else."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def read_report(registry: RunRegistry, run_id: str) -> dict[str, Any] | None:
    """The evaluation report (report.json) of a finished run; None if it has none."""
    return read_json(registry.model_dir(run_id) / REPORT_FILENAME)


@dataclass(frozen=True)
class RunDetails:
    """What the Training tab shows of a run besides its record: the log, the report with its verdict (better or
    worse than the base beyond chance) and the loss curves."""

    log: str
    report: dict[str, Any] | None
    train_loss: list[tuple[float, float]]
    valid_loss: list[tuple[float, float]]
    verdict: Verdict | None = None


def verdict_of(report: dict[str, Any] | None) -> Verdict | None:
    """The verdict of a report; None without a report or when it lacks the scores."""
    try:
        return judge(report) if report is not None else None
    except (KeyError, TypeError, ValueError):
        return None


def run_details(registry: RunRegistry, run_id: str) -> RunDetails:
    """The saved log, evaluation report and loss history (loss_history.json) of a run; parts it lacks are empty."""
    history = read_json(registry.model_dir(run_id) / LOSS_FILENAME) or {}

    def curve(split: str) -> list[tuple[float, float]]:
        points = history.get(split)
        if not isinstance(points, list):
            return []
        return [(p["step"], p["loss"]) for p in points if isinstance(p, dict) and {"step", "loss"} <= p.keys()]

    report = read_report(registry, run_id)
    return RunDetails(registry.read_log(run_id), report, curve("train"), curve("eval"), verdict_of(report))


def with_results(registry: RunRegistry, record: RunRecord) -> RunRecord:
    """The record with the ROUGE of its report and the starter-split figures of its metrics.json."""
    report = read_report(registry, record.id)
    if report is None:
        raise RunError(f"The evaluation wrote no {REPORT_FILENAME}.")
    metrics = read_json(registry.model_dir(record.id) / METRICS_FILENAME) or {}
    rouge = {key: report[key] for key in ("base", "finetuned", "improvement")}
    return dataclasses.replace(record, rouge=rouge, starter_test=metrics.get("starter_test") or None)
