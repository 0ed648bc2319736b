"""`starter split|ship` and the scratch model's initialisation (training/commands/starter.py, training/scratch.py)."""
from __future__ import annotations

import json
import math
import struct
from collections.abc import Iterable
from pathlib import Path

import pytest
import torch

from core.describe.engine import DescriptionEngine
from core.describe.model_loading import load_fused_model
from tests.training.conftest import train_in_process
from training.cli import main
from training.commands.starter import hashed_split, split_by_group


def test_split_keeps_groups_whole_and_shares_near_85_10_5() -> None:
    records = [{"filename": f"{g}_{i}.x", "group": f"g{g}"} for g in range(200) for i in range(3)]
    splits = split_by_group(records, seed=0)
    groups = {name: {r["group"] for r in rows} for name, rows in splits.items()}
    assert not groups["train"] & groups["valid"] and not groups["train"] & groups["test"]
    assert not groups["valid"] & groups["test"]
    assert [len(groups[name]) for name in ("train", "valid", "test")] == [170, 20, 10]



@pytest.mark.parametrize("source", ["hand-written", "project-names"])
def test_split_keeps_well_known_names_in_train_without_moving_other_groups(source: str) -> None:
    records = [{"filename": f"{g}_{i}.x", "group": f"g{g}", "source": "everyday"} for g in range(200) for i in range(3)]
    known = [{"filename": f"known{g}", "group": f"known{g}", "source": source} for g in range(40)]
    as_others = [{**r, "source": "everyday"} for r in known]
    sampled = split_by_group(records + as_others, seed=0)
    assert {r["filename"] for r in sampled["test"]} & {r["filename"] for r in known}  # some would be held out
    splits = split_by_group(records + known, seed=0)
    assert {r["filename"] for r in known} <= {r["filename"] for r in splits["train"]}
    for name in ("valid", "test"):
        assert splits[name] == [r for r in sampled[name] if not r["filename"].startswith("known")]


def _groups(rows: Iterable[dict]) -> set[str]:
    return {r["group"] for r in rows}


def test_split_of_a_grown_corpus_keeps_every_earlier_place(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus.jsonl", tmp_path / "splits"
    records = [{"filename": f"{g}_{i}.x", "file_desc": "d", "group": f"g{g}", "source": "everyday"}
               for g in range(200) for i in range(3)]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert main(["starter", "split", "--corpus", str(corpus), "--out", str(out)]) == 0
    before = {name: (out / f"{name}.jsonl").read_text(encoding="utf-8") for name in ("train", "valid", "test")}
    added = [{"filename": f"new{g}.x", "file_desc": "d", "group": f"new{g}", "source": "everyday"} for g in range(300)]
    known = [{"filename": "Makefile", "file_desc": "d", "group": "Makefile", "source": "hand-written"}]
    with corpus.open("a", encoding="utf-8") as handle:
        handle.writelines(json.dumps(r) + "\n" for r in added + known)
    assert main(["starter", "split", "--corpus", str(corpus), "--out", str(out)]) == 0
    after = {name: [json.loads(line) for line in (out / f"{name}.jsonl").open(encoding="utf-8")]
             for name in ("train", "valid", "test")}
    for name in ("train", "valid", "test"):
        old = [r for r in after[name] if r["group"].startswith("g")]
        assert "".join(json.dumps(r) + "\n" for r in old) == before[name]
        assert {g for g in _groups(after[name]) if g.startswith("new")} == {
            r["group"] for r in added if hashed_split(r["group"]) == name}
    assert known[0] in after["train"]
    shares = [sum(hashed_split(r["group"]) == name for r in added) / len(added) for name in ("train", "valid", "test")]
    assert all(abs(share - target) < 0.04 for share, target in zip(shares, (0.85, 0.10, 0.05), strict=True))
    assert main(["starter", "split", "--fresh", "--corpus", str(corpus), "--out", str(out)]) == 0
    reshuffled = {name: _groups(json.loads(line) for line in (out / f"{name}.jsonl").open(encoding="utf-8"))
                  for name in ("valid", "test")}
    assert reshuffled["test"] != {r["group"] for r in after["test"]}


def test_scratch_model_starts_near_uniform_loss(tiny_model_dir: Path) -> None:
    model, tokenizer = load_fused_model(tiny_model_dir)
    batch = tokenizer(["Describe the file. Filename: a.py"], return_tensors="pt")
    labels = tokenizer(text_target=["Python source code"], return_tensors="pt")["input_ids"]
    with torch.no_grad():
        loss = model(**batch, labels=labels).loss.item()
    assert abs(loss - math.log(model.config.vocab_size)) < 1.0


def test_ship_writes_a_loadable_float16_copy(tiny_model_dir: Path, tmp_path: Path, lexical_encoder) -> None:
    out = tmp_path / "shipped"
    assert main(["starter", "ship", "--run", str(tiny_model_dir), "--out", str(out)]) == 0
    weights = (out / "model.safetensors").read_bytes()
    header = json.loads(weights[8 : 8 + struct.unpack("<Q", weights[:8])[0]])
    assert {entry["dtype"] for name, entry in header.items() if name != "__metadata__"} == {"F16"}
    engines = [DescriptionEngine(str(folder), device="cpu", lexical=lexical_encoder)
               for folder in (out, tiny_model_dir)]
    assert [engine.dtype for engine in engines] == [torch.float32, torch.float32]  # float16 on disk only
    batch = engines[1].tokenizer(["Describe the file. Filename: report.pdf"], return_tensors="pt")
    lexical = torch.from_numpy(lexical_encoder.encode(["report.pdf"]))
    logits = [engine.model(**batch, lexical_embeds=lexical, decoder_input_ids=torch.zeros((1, 1), dtype=torch.long))
              .logits for engine in engines]
    assert torch.allclose(logits[0], logits[1], atol=1e-2)
    assert not list(tmp_path.glob(".shipped*"))


def test_a_shipped_fine_tuning_recipe_is_trains_default(tiny_model_dir: Path, tmp_path: Path, toy_jsonl: Path,
                                                       lexical_encoder) -> None:
    base = tmp_path / "shipped"
    assert main(["starter", "ship", "--run", str(tiny_model_dir), "--out", str(base), "--finetune-lr", "2e-3",
                 "--finetune-keep", "last"]) == 0
    config = json.loads((base / "config.json").read_text())
    assert (config["finetune_lr"], config["finetune_keep"]) == (2e-3, "last")
    quick = ["--train", str(toy_jsonl), "--base", str(base), "--epochs", "1", "--threads", "1", "--no-memory"]
    recommended = train_in_process([*quick, "--out", str(tmp_path / "recommended")], lexical=lexical_encoder)
    chosen = train_in_process([*quick, "--out", str(tmp_path / "chosen"), "--lr", "5e-4", "--keep", "best"],
                              lexical=lexical_encoder)
    trainers = [json.loads((run / "training_args.json").read_text())["trainer"] for run in (recommended, chosen)]
    assert [t["learning_rate"] for t in trainers] == [2e-3, 5e-4]
    assert [t["load_best_model_at_end"] for t in trainers] == [False, True]
    unrated = train_in_process([*quick, "--base", str(tiny_model_dir), "--out", str(tmp_path / "unrated")],
                               lexical=lexical_encoder)
    unrated_trainer = json.loads((unrated / "training_args.json").read_text())["trainer"]
    assert (unrated_trainer["learning_rate"], unrated_trainer["load_best_model_at_end"]) == (3e-4, True)
