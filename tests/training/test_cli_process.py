"""The training commands as real processes: a fast parser, and SIGINT mid-run leaving no output folder."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.training.conftest import WITHOUT_STARTER, write_jsonl

ROOT = Path(__file__).resolve().parents[2]


def test_parser_imports_no_heavy_library() -> None:
    code = ("import sys, training.cli as cli; cli.build_parser(); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'torch', 'transformers', 'numpy', 'peft'}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_sigint_mid_run_leaves_no_output_folder(tmp_path: Path, tiny_model_dir: Path) -> None:
    data = write_jsonl(tmp_path / "big.jsonl", [{"filename": f"file_{i}.txt", "file_desc": f"text file {i % 7}"}
                                                for i in range(600)])
    out = tmp_path / "runs" / "model"
    command = [sys.executable, "-m", "training", "train", *WITHOUT_STARTER, "--train", str(data),
               "--base", str(tiny_model_dir), "--out", str(out), "--batch-size", "1", "--epochs", "50",
               "--progress-jsonl", "--threads", "1"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        events = []
        for line in process.stdout:  # wait until training really runs
            events.append(json.loads(line))
            if events[-1]["event"] == "step" and events[-1]["step"] >= 3:
                break
        assert events and events[-1]["event"] == "step", process.stderr.read()
        sent = time.monotonic()
        process.send_signal(signal.SIGINT)
        rest, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130, err
    assert time.monotonic() - sent < 30  # stops at the next step, not after the 50 epochs
    assert json.loads(rest.splitlines()[-1]) == {"event": "cancelled", "signal": signal.SIGINT, "resumable": False}
    assert "was not written" in err and "Traceback" not in err
    assert not out.exists() and list(out.parent.iterdir()) == []
