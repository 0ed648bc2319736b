"""The process a training run works in: its rank, CPU threads, precision and messages (stderr and the log).

Also correct under `torchrun` (one process per rank). Clean cancellation on SIGINT/SIGTERM is training.cancel.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from core.logs import command_logger

PROG = "train"  # training runs report as the `train` command (with --task qa too)


def is_main_process() -> bool:
    """True in a single process and in rank 0 of a distributed run."""
    return int(os.environ.get("RANK", "0")) == 0


def note(message: str) -> None:
    """Report `train: message` on stderr and in the log file, from the main process only."""
    if is_main_process():
        command_logger(PROG).info(message)


def default_threads() -> int:
    """This process's share of the CPU cores available to it."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, cores // int(os.environ.get("LOCAL_WORLD_SIZE", "1")))


@contextmanager
def torch_threads(count: int) -> Iterator[None]:
    """Use `count` intra-op threads inside the block, then restore the previous setting."""
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def pick_precision(requested: str, device: Any) -> str:
    """bf16 where it is fast (CUDA with bf16, CPUs with AMX/AVX512-BF16), else float32; never fp16."""
    import torch

    from core.device import cpu_has_fast_bf16

    if requested != "auto":
        return requested
    if device.type == "cuda":
        return "bfloat16" if torch.cuda.is_bf16_supported() else "float32"
    return "bfloat16" if device.type == "cpu" and cpu_has_fast_bf16() else "float32"
