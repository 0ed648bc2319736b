"""The GPU/network path `train --base google/flan-t5-small`, run on a tiny plain-T5 stand-in in a local HF cache."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from transformers import AutoTokenizer, T5Config, T5ForConditionalGeneration

from tests.training.conftest import WITHOUT_STARTER

ROOT = Path(__file__).resolve().parents[3]
COMMIT = "0" * 40


def plain_t5_in_hub_cache(cache: Path, tokenizer_dir: Path) -> Path:
    """A tiny plain T5 (model_type t5, no fusion) laid out as the hub cache's google/flan-t5-small snapshot."""
    repo = cache / "models--google--flan-t5-small"
    snapshot = repo / "snapshots" / COMMIT
    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    config = T5Config(vocab_size=len(tokenizer), d_model=32, d_kv=16, d_ff=64, num_layers=2, num_heads=2,
                      feed_forward_proj="gated-gelu", tie_word_embeddings=False, decoder_start_token_id=0)
    T5ForConditionalGeneration(config).save_pretrained(snapshot)
    tokenizer.save_pretrained(snapshot)
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(COMMIT)
    return snapshot


def test_flan_t5_small_from_the_cache_is_fine_tuned_into_a_fused_run(tmp_path: Path, tiny_model_dir: Path,
                                                                     toy_jsonl: Path) -> None:
    cache = tmp_path / "hub"
    plain_t5_in_hub_cache(cache, tiny_model_dir)
    out = tmp_path / "flan-run"
    command = [sys.executable, "-m", "training", "train", *WITHOUT_STARTER, "--base", "google/flan-t5-small",
               "--train", str(toy_jsonl), "--out", str(out), "--epochs", "1", "--batch-size", "8", "--threads", "1"]
    env = {**os.environ, "HF_HUB_CACHE": str(cache), "HF_HUB_OFFLINE": "1"}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads((out / "training_args.json").read_text())["base"] == "google/flan-t5-small"
    config = json.loads((out / "config.json").read_text())
    assert config["model_type"] == "fused_t5" and config["fusion"] == "add" and config["lexical_dim"] == 384
    described = subprocess.run([str(Path(sys.executable).with_name("filescribe")), "describe", "--model", str(out),
                                "--names-from", "-", "--no-memory"], input="report.pdf\n", cwd=ROOT, env=env,
                               capture_output=True, text=True, timeout=600)
    assert described.returncode == 0, described.stderr[-3000:]
    assert described.stdout.startswith("report.pdf")
