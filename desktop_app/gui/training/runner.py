"""One training run at a time, start to end: data written on the store thread, `train` then `evaluate` in child
processes, the record kept in the run registry. The Training tab shows what it reports and forwards Cancel.
"""
from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from core.describe.examples import Example
from desktop_app.gui.tasks import TaskRunner
from desktop_app.gui.training.plan import (
    TrainingOptions,
    TrainingProgress,
    evaluation_command,
    failure_message,
    finish_run,
    outcome,
    start_run,
    training_command,
)
from desktop_app.gui.training.process import ChildProcess
from desktop_app.gui.training.runs import CANCELLED, FAILED, RunRecord, RunRegistry

PREPARING, TRAINING, EVALUATING, SAVING = "preparing", "training", "evaluating", "saving"


class TrainingRunner(QObject):
    """Runs the steps of a run and reports them; never touches the active model."""

    started = Signal(object)  # RunRecord: registered, training starts
    status = Signal(str)  # what happens now
    progressed = Signal(object)  # TrainingProgress
    logged = Signal(str)  # a line of the run's log
    ended = Signal(object)  # the RunRecord as it ended (finished, cancelled or failed)

    def __init__(self, registry: RunRegistry, tasks: TaskRunner, python: str = sys.executable,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.registry, self.tasks, self.python = registry, tasks, python
        self.process = ChildProcess(self)
        self.process.event.connect(self._event)
        self.process.output.connect(self._log)
        self.process.ended.connect(self._process_ended)
        self.record: RunRecord | None = None
        self.options = TrainingOptions()
        self.progress = TrainingProgress()
        self.stage: str | None = None
        self._log_lines: list[str] = []
        self._cancel_requested = False

    @property
    def running(self) -> bool:
        """True from Start until the run's end is recorded."""
        return self.stage is not None

    def start(self, base: str, corrections: list[Example], extra_files: list[Path], options: TrainingOptions) -> None:
        """Register the run and write its data (store thread), then train."""
        if self.running:
            raise RuntimeError("a training run is already going on")
        self.record, self.options, self.progress = None, options, TrainingProgress()
        self._log_lines, self._cancel_requested = [], False
        self._set_stage(PREPARING)
        self.tasks.run(lambda: start_run(self.registry, base, corrections, extra_files, options), self._prepared,
                       lambda message: self._fail_unregistered(f"Could not prepare the run: {message}"))

    def cancel(self) -> None:
        """Stop the run cleanly: the child cancels (its cancel file) and no model folder is left. (Once the results
        are being saved, the run finishes.)"""
        if not self.running or self._cancel_requested or self.stage == SAVING:
            return
        self._cancel_requested = True
        self._log("Cancelling…")
        self.status.emit("Cancelling…")
        self.process.stop()

    def stop_and_wait(self, msecs: int = 30_000) -> None:
        """Cancel and wait for the child to end (closing the app); its end is recorded on the store thread."""
        self.cancel()
        self.process.wait(msecs)

    def _set_stage(self, stage: str) -> None:
        self.stage = stage
        self.status.emit(self._stage_text())

    def _stage_text(self) -> str:
        if self.stage == TRAINING:
            return self.progress.status()
        if self.stage == EVALUATING and self.progress.scoring == "evaluate":
            return self.progress.status()
        if self.stage == EVALUATING:
            return f"Evaluating on {self.record.sizes.get('held_out', 0)} held-out corrections…"
        return "Preparing the data…" if self.stage == PREPARING else "Saving the results…"

    def _log(self, line: str) -> None:
        self._log_lines.append(line)
        self.logged.emit(line)

    def _prepared(self, result: tuple[RunRecord, list[str]]) -> None:
        self.record, notes = result
        for note in notes:
            self._log(note)
        if self.record.status == FAILED:
            self._ended(self.record)
        elif self._cancel_requested:
            self._end(CANCELLED)
        else:
            self.started.emit(self.record)
            self._run(TRAINING, training_command(self.python, self.registry, self.record, self.options))

    def _run(self, stage: str, command: list[str]) -> None:
        self._log("$ " + " ".join(command))
        self._set_stage(stage)
        self.process.start(command, self.registry.cancel_file(self.record.id))

    def _event(self, event: dict) -> None:
        line = self.progress.apply(event)
        if line is not None:
            self._log(line)
        self.progressed.emit(self.progress)
        self.status.emit(self._stage_text())

    def _process_ended(self, exit_code: int, crashed: bool) -> None:
        status = outcome(exit_code, crashed, self._cancel_requested)
        if status == FAILED:
            what = "Training" if self.stage == TRAINING else "The evaluation"
            self._end(FAILED, failure_message(what, exit_code, crashed, "\n".join(self._log_lines)))
        elif status == CANCELLED:
            self._end(CANCELLED)
        elif self.stage == TRAINING:
            self._run(EVALUATING, evaluation_command(self.python, self.registry, self.record, self.options))
        else:
            self._set_stage(SAVING)
            record, log = self.record, self.log_text()
            self.tasks.run(lambda: finish_run(self.registry, record, log), self._ended,
                           lambda message: self._fail_unregistered(f"Could not save the run: {message}"))

    def _end(self, status: str, error: str | None = None) -> None:
        """Record the end (store thread), then report it."""
        self._log(error or "Cancelled: the run left no model behind.")
        record, log = self.record, self.log_text()
        self.tasks.run(lambda: self.registry.end(record, status, log, error), self._ended,
                       lambda message: self._fail_unregistered(f"Could not record the run: {message}"))

    def log_text(self) -> str:
        """The run's log so far."""
        return "".join(line + "\n" for line in self._log_lines)

    def _fail_unregistered(self, message: str) -> None:
        """The registry itself failed (disk full, no permission): reported as a run without a record (no id)."""
        self._log(message)
        self._ended(dataclasses.replace(self.record or RunRecord("", 0.0, ""), id="", status=FAILED, error=message))

    def _ended(self, record: RunRecord) -> None:
        self.stage = None
        self.record = record
        self.ended.emit(record)
