"""A training run's folder: built hidden beside --out, checked before, published whole, kept for --resume.

The run is written to `.<out>.partial` (checkpoints included) and renamed to --out only when everything is
saved, so --out is either absent or complete.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.errors import FileScribeError
from training.runtime import is_main_process, note

if TYPE_CHECKING:
    from training.cancel import TrainingCancelled

RUN_FILES = ("training_args.json", "loss_history.json", "metrics.json")


class TrainingError(FileScribeError):
    """A training run cannot start or finish (bad output folder, nothing to resume...)."""


@dataclass(frozen=True)
class RunPaths:
    """The final run folder, the hidden folder it is built in, and that folder's checkpoints."""

    out: Path

    @property
    def partial(self) -> Path:
        """Where the run is built; renamed to `out` at the very end."""
        return self.out.parent / f".{self.out.name}.partial"

    @property
    def checkpoints(self) -> Path:
        """Trainer checkpoints (per epoch), removed when the run completes."""
        return self.partial / "checkpoints"


def prepare_folders(args: argparse.Namespace) -> str | None:
    """Check --out and the unfinished run; returns the checkpoint to resume from, if any."""
    paths = RunPaths(args.out)
    if args.resume:
        from transformers.trainer_utils import get_last_checkpoint

        last = get_last_checkpoint(str(paths.checkpoints)) if paths.checkpoints.is_dir() else None
        if last is None:
            raise TrainingError(f"Nothing to resume: {paths.partial} holds no checkpoint.")
        return last
    if paths.partial.exists() and not args.overwrite:
        raise TrainingError(f"An unfinished run of {args.out} is in {paths.partial}: "
                            "pass --resume to continue it or --overwrite to start afresh.")
    if args.out.exists() and not args.overwrite:
        raise TrainingError(f"{args.out} exists already; choose another --out or pass --overwrite.")
    if args.out.exists() and not (args.out / RUN_FILES[0]).is_file():
        raise TrainingError(f"{args.out} is not a training run (it has no {RUN_FILES[0]}); it will not be replaced.")
    if is_main_process():
        shutil.rmtree(paths.partial, ignore_errors=True)
    return None


def drop_unresumable(paths: RunPaths) -> bool:
    """Remove the partial folder unless it holds a checkpoint to resume from; True if it does."""
    resumable = any(paths.checkpoints.glob("checkpoint-*"))
    if not resumable and is_main_process():
        shutil.rmtree(paths.partial, ignore_errors=True)
    return resumable


def report_cancel(args: argparse.Namespace, cancel: TrainingCancelled, resumable: bool) -> None:
    """Say what was kept: nothing, or checkpoints to --resume from."""
    if not is_main_process():
        return
    if args.progress_jsonl:
        from training.progress import emit_event

        emit_event("cancelled", signal=cancel.signum, request=cancel.requested, resumable=resumable)
    hint = f"; finished epochs are kept in {RunPaths(args.out).partial}: continue with --resume" if resumable else ""
    note(f"{cancel}; {args.out} was not written{hint}")


def command_line(args: argparse.Namespace) -> dict[str, Any]:
    """The parsed command line as JSON values (paths as text), as training_args.json records it."""
    return {key: str(value) if isinstance(value, Path) else value
            for key, value in vars(args).items() if key not in ("handler", "command")}


def loss_history(log_history: list[dict[str, Any]]) -> dict[str, list[dict[str, float]]]:
    """The training and validation losses by step and epoch, from a Trainer's log history."""
    return {split: [{"step": e["step"], "epoch": e["epoch"], "loss": e[key]} for e in log_history if key in e]
            for split, key in (("train", "loss"), ("eval", "eval_loss"))}


def write_run_files(folder: Path, training_args: dict[str, Any], history: dict[str, Any],
                    metrics: dict[str, Any]) -> None:
    """Write the run files (RUN_FILES: arguments and settings, loss history, metrics) as JSON into `folder`."""
    for name, content in zip(RUN_FILES, (training_args, history, metrics), strict=True):
        (folder / name).write_text(json.dumps(content, indent=2, default=str) + "\n", encoding="utf-8")


def publish(paths: RunPaths) -> None:
    """Drop the checkpoints and rename the partial folder to --out (replacing an old one last)."""
    shutil.rmtree(paths.checkpoints, ignore_errors=True)
    old = paths.out.parent / f".{paths.out.name}.old-{os.getpid()}"
    if paths.out.exists():
        os.replace(paths.out, old)
    os.replace(paths.partial, paths.out)
    shutil.rmtree(old, ignore_errors=True)
