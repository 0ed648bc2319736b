"""Scale-out: the same `python -m training train` under `torchrun --nproc_per_node=2` (DDP, gloo on CPU)."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from core.describe.model_loading import load_fused_model
from tests.training.conftest import WITHOUT_STARTER

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_two_process_torchrun_trains_and_saves(tmp_path: Path, tiny_model_dir: Path, toy_jsonl: Path) -> None:
    out = tmp_path / "ddp-run"
    command = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node=2", f"--master_port={free_port()}",
               "-m", "training", "train", *WITHOUT_STARTER, "--train", str(toy_jsonl), "--base", str(tiny_model_dir),
               "--out", str(out),
               "--epochs", "2", "--batch-size", "8", "--lr", "3e-3", "--progress-jsonl"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=540)  # busy CI machines
    assert result.returncode == 0, result.stderr[-3000:]
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert events[0] == {"event": "start", "max_steps": 8, "epochs": 2.0, "step": 0}  # 51 examples / (8 x 2 ranks)
    assert [e["event"] for e in events].count("done") == 1  # only rank 0 reports
    settings = json.loads((out / "training_args.json").read_text())
    assert settings["processes"] == 2 and settings["trainer"]["ddp_backend"] == "gloo"
    history = json.loads((out / "loss_history.json").read_text())
    assert history["eval"][-1]["loss"] < history["eval"][0]["loss"]
    (model, _), (base, _) = load_fused_model(out), load_fused_model(tiny_model_dir)
    assert not model.lexical_proj.weight.equal(base.lexical_proj.weight)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "filescribe-logs") == ["ddp-run"]  # the test logs
