"""Trainer callbacks: progress as JSON lines on stdout or a bar on stderr, and cancellation at safe points.

Imports transformers at top level: import this module inside functions only.
"""
from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from typing import Any

from transformers import TrainerCallback

from training.cancel import CancelGuard


def emit_event(event: str, **fields: Any) -> None:
    """Print one JSON object (`{"event": ..., ...}`) on its own line of stdout, flushed at once."""
    print(json.dumps({"event": event, **fields}, ensure_ascii=False), flush=True)


def score_reporter(phase: str) -> Callable[[int, int], None]:
    """Reports `score` events (phase, done, total) while descriptions are generated to be scored."""
    return lambda done, total: emit_event("score", phase=phase, done=done, total=total)


class ProgressCallback(TrainerCallback):
    """Reports steps (loss, learning rate, ETA) and evaluations, from the main process only."""

    def __init__(self, jsonl: bool) -> None:
        self.jsonl = jsonl
        self.bar: Any = None
        self.started = 0.0
        self.first_step = 0
        self.last_loss: float | None = None
        self.last_eval: float | None = None

    def on_train_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        """Start the clock (and the bar); announce the run's length."""
        if not state.is_world_process_zero:
            return
        self.started, self.first_step = time.monotonic(), state.global_step
        if self.jsonl:
            emit_event("start", max_steps=state.max_steps, epochs=args.num_train_epochs, step=state.global_step)
        else:
            from tqdm import tqdm

            self.bar = tqdm(total=state.max_steps, initial=state.global_step, unit="step", file=sys.stderr,
                            dynamic_ncols=True, desc="train")

    def eta_seconds(self, state: Any) -> float | None:
        """Remaining time at the average pace of this run's steps so far."""
        done = state.global_step - self.first_step
        if done <= 0:
            return None
        return round((time.monotonic() - self.started) / done * (state.max_steps - state.global_step), 1)

    def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        """Advance the bar."""
        if self.bar is not None:
            self.bar.update(state.global_step - self.bar.n)

    def on_log(self, args: Any, state: Any, control: Any, logs: dict[str, float] | None = None, **kwargs: Any) -> None:
        """A training-loss log becomes a `step` event, an evaluation an `eval` event; the bar shows both losses."""
        if not state.is_world_process_zero or not logs:
            return
        epoch = round(state.epoch or 0.0, 4)
        if "loss" in logs:
            self.last_loss = logs["loss"]
            if self.jsonl:
                emit_event("step", step=state.global_step, epoch=epoch, loss=logs["loss"],
                           learning_rate=logs.get("learning_rate"), eta_s=self.eta_seconds(state))
        elif "eval_loss" in logs:
            self.last_eval = logs["eval_loss"]
            best = min(logs["eval_loss"], state.best_metric if state.best_metric is not None else float("inf"))
            if self.jsonl:
                emit_event("eval", step=state.global_step, epoch=epoch, eval_loss=logs["eval_loss"],
                           best_eval_loss=best)
        if self.bar is not None:
            losses = {"loss": self.last_loss, "eval_loss": self.last_eval}
            self.bar.set_postfix({name: f"{value:.4f}" for name, value in losses.items() if value is not None})

    def on_train_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        """Close the bar."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class CancelCallback(TrainerCallback):
    """Turns a pending SIGINT/SIGTERM into TrainingCancelled between steps and evaluation batches."""

    def __init__(self, guard: CancelGuard) -> None:
        self.guard = guard

    def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        """After an optimiser step, before any checkpoint is written."""
        self.guard.check()

    def on_prediction_step(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        """Between evaluation batches."""
        self.guard.check()
