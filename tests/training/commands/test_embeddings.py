"""`embeddings`: the seed's similarity check and the t-SNE map (training/commands/embeddings.py)."""
from __future__ import annotations

import json
from pathlib import Path

from tests.training.conftest import write_jsonl
from training.cli import main
from training.commands.embeddings import modified


def test_modified_filename_keeps_the_extension() -> None:
    assert modified("app_config.yaml") == "app_config_v2.yaml"
    assert modified("Makefile") == "Makefile_v2"


def test_report_summary_and_tsne(toy_jsonl: Path, tmp_path: Path) -> None:
    out = tmp_path / "emb"
    assert main(["embeddings", "--data", str(toy_jsonl), "--out", str(out)]) == 0
    summary = json.loads((out / "embeddings.json").read_text(encoding="utf-8"))
    assert summary["n_filenames"] == 60
    assert summary["same_filename_cosine"] > 0.9999  # batching and padding do not change a vector
    assert 0 < summary["different_filename_cosine"] < summary["modified_filename_cosine"] < 0.999
    assert summary["same_extension_cosine"] > summary["different_extension_cosine"]
    example = summary["modified_example"]
    assert example["modified"] == modified(example["original"]) and 0 < example["cosine"] < 1
    assert (out / summary["tsne_png"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_too_few_filenames_is_a_clear_error(tmp_path: Path, capsys) -> None:
    data = write_jsonl(tmp_path / "d.jsonl", [{"filename": "a.py", "file_desc": "code"}])
    assert main(["embeddings", "--data", str(data), "--out", str(tmp_path / "emb")]) == 1
    assert "needs at least 5" in capsys.readouterr().err and not (tmp_path / "emb").exists()
