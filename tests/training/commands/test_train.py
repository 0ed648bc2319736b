"""`train` in process on the tiny model: learning, saving, reloading, fusion, LoRA, progress, cancel and resume."""
from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
import torch
from safetensors import safe_open

from core.describe.engine import DescriptionEngine
from core.describe.model_loading import load_fused_model
from tests.training.conftest import TOY_EXAMPLES, TOY_TRAIN_OPTIONS, WITHOUT_STARTER, train_in_process
from training.cli import build_parser
from training.collator import FusionCollator
from training.commands import train as finetune
from training.data import load_data, split_examples
from training.features import encode_examples
from training.run_folder import TrainingError

RUN_FILES = ("model.safetensors", "config.json", "tokenizer.json", "generation_config.json", "training_args.json",
             "loss_history.json", "metrics.json", "test.jsonl")


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def weights(folder: Path) -> dict[str, torch.Tensor]:
    with safe_open(str(folder / "model.safetensors"), framework="pt") as handle:
        return {key: handle.get_tensor(key) for key in handle.keys()}  # noqa: SIM118 - not a dict


def batch_of(examples, model_dir: Path, lexical_encoder) -> tuple[object, dict[str, torch.Tensor]]:
    """The fp32 model of `model_dir` and one collated batch of `examples`."""
    model, tokenizer = load_fused_model(model_dir)
    encoded = encode_examples(examples, tokenizer, lexical_encoder, max_input_tokens=128, max_target_tokens=64)
    return model.eval(), FusionCollator(tokenizer.pad_token_id)([encoded[i] for i in range(len(encoded))])


def mean_loss(model, batch: dict[str, torch.Tensor]) -> float:
    with torch.no_grad():
        return float(model(**batch).loss)


def test_run_folder_is_complete_and_nothing_else_is_left(trained_run: Path) -> None:
    assert all((trained_run / name).is_file() for name in RUN_FILES)
    assert not (trained_run / "checkpoints").exists()
    assert sorted(p.name for p in trained_run.parent.iterdir()) == [trained_run.name]  # no partial folder
    assert read_json(trained_run / "config.json")["model_type"] == "fused_t5"
    settings = read_json(trained_run / "training_args.json")
    assert settings["fusion"] == "add" and settings["splits"] == {"train": 51, "valid": 6, "test": 3}
    assert settings["trainer"]["train_sampling_strategy"] == "group_by_length"
    assert len((trained_run / "test.jsonl").read_text().splitlines()) == 3


def test_a_trained_model_is_marked_as_fine_tuned_for_descriptions(trained_run: Path) -> None:
    assert read_json(trained_run / "config.json")["filescribe_tasks"] == ["describe"]


def test_training_lowers_the_loss(trained_run: Path) -> None:
    history, metrics = read_json(trained_run / "loss_history.json"), read_json(trained_run / "metrics.json")
    train_losses, eval_losses = [e["loss"] for e in history["train"]], [e["loss"] for e in history["eval"]]
    assert len(eval_losses) == 15  # one evaluation per epoch
    assert train_losses[-1] < train_losses[0] / 3 and min(eval_losses) < eval_losses[0] / 3
    assert metrics["best_eval_loss"] == pytest.approx(min(eval_losses))


def test_saved_model_is_the_best_checkpoint(trained_run: Path, toy_jsonl: Path, lexical_encoder) -> None:
    valid = split_examples(load_data(toy_jsonl).examples, seed=0).valid
    model, batch = batch_of(valid, trained_run, lexical_encoder)
    best = read_json(trained_run / "metrics.json")["best_eval_loss"]
    assert mean_loss(model, batch) == pytest.approx(best, rel=0.1, abs=0.02)  # trained in bf16, checked in fp32


def test_projection_is_trained_and_saved(trained_run: Path, tiny_model_dir: Path) -> None:
    before, after = weights(tiny_model_dir)["lexical_proj.weight"], weights(trained_run)["lexical_proj.weight"]
    assert (after - before).abs().max() > 1e-2
    model, _ = load_fused_model(trained_run)
    assert torch.equal(model.lexical_proj.weight, after)


def test_train_save_load_generate_round_trip(trained_run: Path, lexical_encoder) -> None:
    engine = DescriptionEngine(str(trained_run), device="cpu", precision="float32", lexical=lexical_encoder)
    names = [name for name, _ in TOY_EXAMPLES]
    texts = engine.describe(names)
    exact = sum(text == description for text, (_, description) in zip(texts, TOY_EXAMPLES, strict=True))
    assert exact / len(names) >= 0.8, texts


def test_trained_model_uses_the_lexical_embedding(trained_run: Path, lexical_encoder) -> None:
    from core.describe.examples import Example

    examples = [Example(name, description) for name, description in TOY_EXAMPLES]
    model, batch = batch_of(examples, trained_run, lexical_encoder)
    shuffled = dict(batch, lexical_embeds=batch["lexical_embeds"][torch.randperm(len(examples),
                                                                                 generator=torch.Generator().manual_seed(0))])
    zeroed = dict(batch, lexical_embeds=torch.zeros_like(batch["lexical_embeds"]))
    real = mean_loss(model, batch)
    assert mean_loss(model, shuffled) > 2 * real and mean_loss(model, zeroed) > 1.5 * real
    with torch.no_grad():
        fused = model.generate(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"],
                               lexical_embeds=batch["lexical_embeds"], max_new_tokens=12)
        ablated = model.generate(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"],
                                 lexical_embeds=shuffled["lexical_embeds"], max_new_tokens=12)
    assert fused.shape != ablated.shape or not torch.equal(fused, ablated)


def test_no_fusion_run_and_progress_jsonl(tmp_path: Path, tiny_model_dir: Path, toy_jsonl: Path, capsys) -> None:
    out = train_in_process(["--train", str(toy_jsonl), "--base", str(tiny_model_dir), "--out", str(tmp_path / "plain"),
                            "--no-fusion", "--epochs", "2", "--batch-size", "8", "--progress-jsonl", "--threads", "1"])
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert events[0]["event"] == "start" and events[0]["max_steps"] == 14
    steps = [e for e in events if e["event"] == "step"]
    assert steps and all({"step", "epoch", "loss", "eta_s"} <= set(e) for e in steps)
    assert [e["epoch"] for e in events if e["event"] == "eval"] == [1.0, 2.0]
    assert events[-1] == {"event": "done", "out": str(out), "best_eval_loss": events[-2]["best_eval_loss"]}
    assert read_json(out / "config.json")["fusion"] == "none"
    assert torch.equal(weights(out)["lexical_proj.weight"], weights(tiny_model_dir)["lexical_proj.weight"])
    assert DescriptionEngine(str(out), device="cpu").describe(["main.py"])[0] != ""
    train_in_process(["--train", str(toy_jsonl), "--base", str(tiny_model_dir), "--out", str(out), "--no-fusion",
                      "--epochs", "1", "--overwrite", "--threads", "1"])
    assert read_json(out / "metrics.json")["epochs_completed"] == 1.0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain"]  # the old run and the partial folder are gone


def test_the_starter_check_reports_its_progress(tmp_path: Path, tiny_model_dir: Path, toy_jsonl: Path, capsys,
                                               lexical_encoder) -> None:
    train_in_process(["--train", str(toy_jsonl), "--base", str(tiny_model_dir), "--out", str(tmp_path / "run"),
                      "--epochs", "1", "--no-memory", "--threads", "1", "--progress-jsonl", "--starter-check", "6"],
                     lexical=lexical_encoder)
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    scores = [e for e in events if e["event"] == "score"]
    assert scores and {e["phase"] for e in scores} == {"starter_check"}
    assert [e["done"] for e in scores] == sorted(e["done"] for e in scores)  # only forward
    assert scores[-1]["done"] == scores[-1]["total"] == 12  # 6 distinct names, base and fine-tuned
    assert events[-1]["event"] == "done" and read_json(tmp_path / "run" / "metrics.json")["starter_test"]["n"] == 6


def test_lora_run_is_merged_into_a_normal_model_folder(tmp_path: Path, tiny_model_dir: Path, toy_jsonl: Path,
                                                        lexical_encoder) -> None:
    out = train_in_process(["--train", str(toy_jsonl), "--base", str(tiny_model_dir), "--out", str(tmp_path / "lora"),
                            "--lora", "--lora-rank", "4", *TOY_TRAIN_OPTIONS[:2], "--lr", "1e-2", "--threads", "1",
                            "--no-memory"],
                           lexical=lexical_encoder)
    base, tuned = weights(tiny_model_dir), weights(out)
    assert set(tuned) == set(base)  # no adapter or wrapper keys: LoRA is merged
    attention = "encoder.block.0.layer.0.SelfAttention.q.weight"
    assert (tuned[attention] - base[attention]).abs().max() > 1e-4
    assert (tuned["lexical_proj.weight"] - base["lexical_proj.weight"]).abs().max() > 1e-3
    assert torch.equal(tuned["shared.weight"], base["shared.weight"])  # embeddings are frozen under LoRA
    history = read_json(out / "loss_history.json")["eval"]
    assert min(e["loss"] for e in history) < 0.7 * history[0]["loss"]  # from near ln(vocab): adapters learn
    valid = split_examples(load_data(toy_jsonl).examples, seed=0).valid
    model, batch = batch_of(valid, out, lexical_encoder)  # the merged model scores as the adapters did
    best = read_json(out / "metrics.json")["best_eval_loss"]
    assert mean_loss(model, batch) == pytest.approx(best, rel=0.1, abs=0.02)


@pytest.mark.parametrize("leftover", ["out", "partial"])
def test_existing_output_or_unfinished_run_is_not_overwritten(tmp_path: Path, toy_jsonl: Path, leftover: str) -> None:
    target = tmp_path / "run" if leftover == "out" else tmp_path / ".run.partial"
    target.mkdir()
    (target / "keep.txt").write_text("precious")
    with pytest.raises(TrainingError, match="--overwrite"):
        train_in_process(["--train", str(toy_jsonl), "--out", str(tmp_path / "run")])
    assert (target / "keep.txt").read_text() == "precious"


def test_overwrite_replaces_only_a_training_run(tmp_path: Path, toy_jsonl: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    with pytest.raises(TrainingError, match="is not a training run"):
        train_in_process(["--train", str(toy_jsonl), "--out", str(folder), "--overwrite"])
    assert folder.is_dir()


def test_resume_needs_a_checkpoint(tmp_path: Path, toy_jsonl: Path) -> None:
    with pytest.raises(TrainingError, match="Nothing to resume"):
        train_in_process(["--train", str(toy_jsonl), "--out", str(tmp_path / "run"), "--resume"])


def test_sigterm_stops_cleanly_and_resume_finishes(tmp_path: Path, tiny_model_dir: Path, toy_jsonl: Path,
                                                    lexical_encoder, monkeypatch) -> None:
    from training.progress import CancelCallback

    original = CancelCallback.on_step_end

    def signal_at_step_17(self, args, state, control, **kwargs):
        if state.global_step == 17:  # mid epoch 3 of 7-step epochs: epoch 2's checkpoint exists
            os.kill(os.getpid(), signal.SIGTERM)
        original(self, args, state, control, **kwargs)

    monkeypatch.setattr(CancelCallback, "on_step_end", signal_at_step_17)
    out = tmp_path / "run"
    argv = ["train", *WITHOUT_STARTER, "--train", str(toy_jsonl), "--base", str(tiny_model_dir), "--out", str(out),
            "--epochs", "4",
            "--batch-size", "8", "--lr", "3e-3", "--early-stopping", "0", "--threads", "1"]
    assert finetune.run(build_parser().parse_args(argv)) == 128 + signal.SIGTERM
    partial = tmp_path / ".run.partial"
    assert not out.exists() and (partial / "checkpoints" / "checkpoint-14").is_dir()
    monkeypatch.setattr(CancelCallback, "on_step_end", original)
    train_in_process(argv[1:] + ["--resume"], lexical=lexical_encoder)
    assert not partial.exists()
    metrics, history = read_json(out / "metrics.json"), read_json(out / "loss_history.json")
    assert metrics["steps"] == 28 and [e["epoch"] for e in history["eval"]] == [1.0, 2.0, 3.0, 4.0]


def test_keep_last_saves_the_final_epoch_and_never_stops_early(tmp_path: Path, tiny_model_dir: Path, toy_jsonl: Path,
                                                               lexical_encoder) -> None:
    out = train_in_process(["--train", str(toy_jsonl), "--base", str(tiny_model_dir), "--out", str(tmp_path / "last"),
                            "--epochs", "3", "--lr", "0.5", "--batch-size", "8", "--early-stopping", "1",
                            "--keep", "last", "--threads", "1"], lexical=lexical_encoder)
    metrics = read_json(out / "metrics.json")
    assert metrics["epochs_completed"] == 3 and not metrics["stopped_early"]
    assert read_json(out / "training_args.json")["trainer"]["load_best_model_at_end"] is False
    history = read_json(out / "loss_history.json")["eval"]
    assert len(history) == 3
