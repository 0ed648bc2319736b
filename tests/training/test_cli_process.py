"""The training commands as real processes: a fast parser, and SIGINT or the cancel file mid-run leaving no output
folder."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.training.conftest import WITHOUT_STARTER, write_jsonl

ROOT = Path(__file__).resolve().parents[2]


def test_parser_imports_no_heavy_library() -> None:
    code = ("import sys, training.cli as cli; cli.build_parser(); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'torch', 'transformers', 'numpy', 'peft'}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def start_long_run(tmp_path: Path, tiny_model_dir: Path, *options: str) -> tuple[subprocess.Popen, Path]:
    """A `train` process on 600 examples for 50 epochs, once it really trains (3 steps done); and its --out."""
    data = write_jsonl(tmp_path / "big.jsonl", [{"filename": f"file_{i}.txt", "file_desc": f"text file {i % 7}"}
                                                for i in range(600)])
    out = tmp_path / "runs" / "model"
    command = [sys.executable, "-m", "training", "train", *WITHOUT_STARTER, "--train", str(data),
               "--base", str(tiny_model_dir), "--out", str(out), "--batch-size", "1", "--epochs", "50",
               "--progress-jsonl", "--threads", "1", *options]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    events = []
    for line in process.stdout:
        events.append(json.loads(line))
        if events[-1]["event"] == "step" and events[-1]["step"] >= 3:
            break
    if not events or events[-1]["event"] != "step":
        process.kill()
        raise AssertionError(process.stderr.read())
    return process, out


@pytest.mark.parametrize("how", ["SIGINT", "cancel file"])
def test_a_cancel_mid_run_leaves_no_output_folder(tmp_path: Path, tiny_model_dir: Path, how: str) -> None:
    request = tmp_path / "work" / "cancel"
    request.parent.mkdir()
    process, out = start_long_run(tmp_path, tiny_model_dir, "--cancel-file", str(request))
    try:
        sent = time.monotonic()
        if how == "SIGINT":
            process.send_signal(signal.SIGINT)
        else:
            request.touch()  # what the app does on every platform: no signal at all
        rest, err = process.communicate(timeout=60)
    finally:
        process.kill()
    signum = signal.SIGINT if how == "SIGINT" else signal.SIGTERM
    assert process.returncode == 128 + signum, err
    assert time.monotonic() - sent < 30  # stops at the next step, not after the 50 epochs
    assert json.loads(rest.splitlines()[-1]) == {"event": "cancelled", "signal": signum, "request": how != "SIGINT",
                                                 "resumable": False}
    assert ("cancelled on request" if how != "SIGINT" else "cancelled by SIGINT") in err
    assert "was not written" in err and "Traceback" not in err
    assert not out.exists() and list(out.parent.iterdir()) == []
