"""CUDA out of memory during describe, simulated on the CPU by the exception torch raises: the batch is halved,
the smaller size is kept, and every file is described."""
from __future__ import annotations

from pathlib import Path

import torch

from core.describe.states import GENERATED
from tests.desktop_app.helpers import names_of, settle

DEVICE_LIMIT = 4  # the largest batch the pretend GPU has memory for


def test_out_of_memory_halves_the_batch_and_every_file_is_described(
    qtbot, make_window, tmp_path: Path, desktop_engine, monkeypatch
) -> None:
    root = tmp_path / "photos"
    root.mkdir()
    for number in range(100):
        (root / f"IMG_{number:04}.jpg").write_text("x")
    batches: list[int] = []
    generate = desktop_engine.model.generate

    def generate_on_a_small_gpu(*args, **kwargs):
        size = kwargs["input_ids"].shape[0]
        batches.append(size)
        if size > DEVICE_LIMIT:
            raise torch.OutOfMemoryError(f"CUDA out of memory. Tried to allocate {size * 64} MiB")
        return generate(*args, **kwargs)

    monkeypatch.setattr(desktop_engine.model, "generate", generate_on_a_small_gpu)
    monkeypatch.setattr(desktop_engine, "batch_size", 32)
    window = make_window(root)
    settle(qtbot, window, timeout=60_000)
    rows = names_of(window)
    assert len(rows) == 100 and {row.state for row in rows.values()} == {GENERATED}
    assert batches[:4] == [32, 16, 8, 4]  # halved until it fits
    assert max(batches[4:]) <= DEVICE_LIMIT  # and the size that fits is kept: no batch runs out of memory again
    assert desktop_engine.batch_size == DEVICE_LIMIT
