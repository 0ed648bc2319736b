"""Models: corrupt and partial folders, a tokenizer from another model, pickle weights that would run code, and
a disk that fills while a retrained model is saved over the one in use."""
from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from PySide6.QtWidgets import QPushButton

from core.describe.model_loading import load_fused_model, model_fingerprint
from core.describe.states import GENERATED, WAITING
from desktop_app.cli.main import main
from desktop_app.gui.files.worker import load_engine
from desktop_app.gui.settings import AppSettings, load_settings, save_settings
from tests.desktop_app.helpers import names_of, settle
from tests.reliability.conftest import ROOT
from tests.tiny_models import build_tiny_model
from tests.training.conftest import WITHOUT_STARTER, toy_records, write_jsonl


def truncated_weights(folder: Path) -> None:
    """A copy that stopped half-way through the weights."""
    weights = folder / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])


def partial_copy(folder: Path) -> None:
    """A copy that never got past the config."""
    for name in ("model.safetensors", "tokenizer.json", "tokenizer_config.json"):
        (folder / name).unlink()


def smaller_models_tokenizer(folder: Path) -> None:
    """A model with 400 more token embeddings than the tokenizer beside it has tokens."""
    other = build_tiny_model(folder.parent / "other", d_model=16)
    model, tokenizer = load_fused_model(other)
    model.resize_token_embeddings(len(tokenizer) + 400)
    model.save_pretrained(folder)


def mismatched_end_token(folder: Path) -> None:
    config = json.loads((folder / "config.json").read_text())
    config["eos_token_id"] = 5
    (folder / "config.json").write_text(json.dumps(config))


class RunsCode:
    """Unpickling this runs a shell command: what a malicious pytorch_model.bin does."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


def pickle_with_code(folder: Path) -> None:
    model, _ = load_fused_model(folder)
    (folder / "model.safetensors").unlink()
    torch.save({**model.state_dict(), "payload": RunsCode(folder.parent / "code-ran")}, folder / "pytorch_model.bin")


DAMAGES = {
    "truncated weights": (truncated_weights, "corrupt or truncated"),
    "partial copy": (partial_copy, "has no weights"),
    "a smaller model's tokenizer": (smaller_models_tokenizer, "has 368 tokens but the model has 768 token embeddings"),
    "mismatched end token": (mismatched_end_token, "eos_token_id 1 where the model uses 5"),
    "pickle weights": (pickle_with_code, "pickle weights (pytorch_model.bin), which can run code"),
}


@pytest.fixture(params=list(DAMAGES))
def damaged_model(request, tiny_model_dir: Path, tmp_path: Path) -> tuple[Path, str]:
    folder = Path(shutil.copytree(tiny_model_dir, tmp_path / "models" / "mine"))
    damage, message = DAMAGES[request.param]
    damage(folder)
    return folder, message


def test_a_broken_model_is_explained_and_the_app_goes_on(
    qtbot, make_window, folder: Path, damaged_model: tuple[Path, str], tiny_model_dir: Path, capsys
) -> None:
    model, message = damaged_model
    assert main(["describe", "-q", "--model", str(model), "--no-memory", str(folder)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("filescribe: error: ") and message in error and str(model) in error
    assert error.count("\n") == 1  # one line, no traceback
    save_settings(AppSettings(model_spec=str(model), use_memory=False, device="cpu"))
    window = make_window(folder, factory=load_engine)
    settle(qtbot, window)
    assert message in window.files.model_banner.label.text() and window.files.model_label.text() == "Model: not loaded"
    assert {row.state for row in names_of(window).values()} == {WAITING}  # listed, waiting for a model
    assert not (model.parent / "code-ran").exists()
    shutil.rmtree(model)
    shutil.copytree(tiny_model_dir, model)  # the user puts a good copy in place and presses Retry
    next(b for b in window.files.model_banner.findChildren(QPushButton) if b.text() == "Retry").click()
    settle(qtbot, window, timeout=60_000)
    assert not window.files.model_banner.isVisible()
    assert {row.state for row in names_of(window).values()} == {GENERATED}


def test_pickle_weights_never_run_code_even_when_allowed(tiny_model_dir: Path, tmp_path: Path, capsys) -> None:
    model = Path(shutil.copytree(tiny_model_dir, tmp_path / "downloaded"))
    pickle_with_code(model)
    names = tmp_path / "names.txt"
    names.write_text("report.pdf\n")
    for allow in ([], ["--allow-pickle"]):
        assert main(["describe", "-q", "--model", str(model), "--no-memory", *allow, "--names-from", str(names)]) == 1
        assert "pickle" in capsys.readouterr().err.lower() or allow
    assert not (tmp_path / "code-ran").exists()


MOUNT_SMALL_DISK = """set -u
disk=$1 active=$2 snapshot=$3; shift 3
mount -t tmpfs -o size={size}k tmpfs "$disk" || exit 90
cp -r "$active" "$disk/model-v1"
"$@"; code=$?
cp -a "$disk/." "$snapshot/"
exit $code
"""


def retrain_command(data: Path, out: Path) -> list[str]:
    """Retrain the model in use and save the result over it (`--overwrite` of its own folder)."""
    return [sys.executable, "-m", "training", "train", *WITHOUT_STARTER, "--train", str(data), "--base", str(out),
            "--out", str(out), "--overwrite", "--epochs", "1", "--batch-size", "8", "--threads", "1"]


def a_finished_run(tiny_model_dir: Path, folder: Path) -> Path:
    """The model in use: a folder `filescribe train` wrote (so that --overwrite may replace it)."""
    shutil.copytree(tiny_model_dir, folder)
    (folder / "training_args.json").write_text("{}\n")
    return folder


def on_a_full_tmpfs(tmp_path: Path, active: Path, data: Path) -> tuple[subprocess.CompletedProcess, Path]:
    """Retrain on a 480 kB tmpfs holding the model in use (380 kB): no room for a second copy."""
    disk, snapshot = tmp_path / "disk", tmp_path / "snapshot"
    disk.mkdir()
    snapshot.mkdir()
    namespaces = ["unshare", "--user", "--map-root-user", "--mount"]
    if subprocess.run([*namespaces, "true"], capture_output=True).returncode != 0:
        pytest.skip("no user and mount namespaces here to mount a small tmpfs in")
    prefix = [*namespaces, "sh", "-c", MOUNT_SMALL_DISK.format(size=480), "small-disk", str(disk), str(active),
              str(snapshot)]
    done = subprocess.run([*prefix, *retrain_command(data, disk / "model-v1")], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    if done.returncode == 90:
        pytest.skip("tmpfs cannot be mounted in a user namespace here")
    return done, snapshot / "model-v1"


def with_a_file_size_limit(tmp_path: Path, active: Path, data: Path) -> tuple[subprocess.CompletedProcess, Path]:
    """Retrain with writes past 200 kB refused (EFBIG), as a full disk refuses them (ENOSPC): portable."""
    model = Path(shutil.copytree(active, tmp_path / "model-v1"))

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    done = subprocess.run(retrain_command(data, model), cwd=ROOT, capture_output=True, text=True, timeout=300,
                          preexec_fn=limit_file_size)
    return done, model


@pytest.mark.parametrize("full_disk", [on_a_full_tmpfs, with_a_file_size_limit])
def test_a_disk_that_fills_during_a_save_keeps_the_model_in_use(tiny_model_dir: Path, tmp_path: Path,
                                                               full_disk) -> None:
    active = a_finished_run(tiny_model_dir, tmp_path / "in-use")
    save_settings(AppSettings(model_spec=str(tmp_path / "disk" / "model-v1")))
    settings_before = load_settings()
    data = write_jsonl(tmp_path / "toy.jsonl", toy_records())
    done, model = full_disk(tmp_path, active, data)
    assert done.returncode == 1, done.stderr
    (error,) = [line for line in done.stderr.splitlines() if ": error: " in line]
    assert "could not write the run (" in error and "model-v1 is as it was before" in error
    assert "Traceback" not in done.stderr
    assert model_fingerprint(model) == model_fingerprint(active)  # every byte of the model in use is intact
    assert sorted(p.name for p in model.iterdir()) == sorted(p.name for p in active.iterdir())
    load_fused_model(model)
    assert not any(p.name.startswith(".model-v1.") for p in model.parent.iterdir())  # no half-written run left
    assert load_settings() == settings_before
