"""`train --task qa` on the tiny model: chunks, resuming after an interruption, the answerer's prompt, the QA mark."""
from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

from core.describe.model_loading import load_tokenizer, read_config
from core.qa.answerer import QAOptions, is_qa_model, load_qa_model, qa_prompt
from core.qa.index import register_qa_file
from tests.core.qa.test_index import fixture_docs, write_qa_file
from tests.training.conftest import write_jsonl
from training.cli import build_parser
from training.commands import train as finetune
from training.commands.qa_train import encode_pairs, load_pairs
from training.run_folder import RunPaths, TrainingError

TOPICS = [("How do I pause for two seconds?", "Call time.sleep(2)."),
          ("How do I shuffle a list?", "Use random.shuffle(items)."),
          ("How do I list a directory?", "os.listdir(path) returns the names."),
          ("How do I get a square root?", "math.sqrt(x) does it.")]
TRAIN = [{"question_id": n, "answer_id": 100 + n, "title": title, "question": f"{title}\n\nBody {n} of the post.",
          "answer": f"{answer} (answer {n})"} for n, (title, answer) in enumerate(TOPICS * 3)]
VALID = [{"title": title, "question": title, "answer": answer} for title, answer in TOPICS]
OPTIONS = ["--chunk-size", "4", "--epochs-per-chunk", "2", "--batch-size", "2", "--lr", "3e-3", "--threads", "1",
           "--max-input-tokens", "160", "--max-target-tokens", "16"]


@pytest.fixture(autouse=True)
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixture documentation stands in for Python's; indexes are cached in a temporary folder."""
    monkeypatch.setattr("core.qa.index.python_docs", fixture_docs)
    monkeypatch.setenv("FILESCRIBE_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture()
def data(tmp_path: Path) -> dict[str, Path]:
    return {"train": write_jsonl(tmp_path / "so.train.jsonl", TRAIN),
            "valid": write_jsonl(tmp_path / "so.validation.jsonl", VALID)}


def qa_argv(data: dict[str, Path], base: Path, out: Path, *more: str) -> list[str]:
    return ["train", "--task", "qa", "--train", str(data["train"]), "--valid", str(data["valid"]), "--base", str(base),
            "--out", str(out), *OPTIONS, *more]


def events(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def test_chunks_resume_after_an_interruption_and_the_model_is_marked_for_qa(
        tmp_path: Path, tiny_model_dir: Path, data: dict[str, Path], monkeypatch, capsys) -> None:
    from training.progress import CancelCallback

    original = CancelCallback.on_step_end
    steps: list[int] = []

    def sigterm_in_chunk_two(self, args, state, control, **kwargs):
        steps.append(state.global_step)
        if len(steps) == 7:  # chunk 1 took 4 steps (2 epochs of 2); this is chunk 2's 3rd, after its first epoch
            os.kill(os.getpid(), signal.SIGTERM)
        original(self, args, state, control, **kwargs)

    monkeypatch.setattr(CancelCallback, "on_step_end", sigterm_in_chunk_two)
    out = tmp_path / "qa-run"
    argv = qa_argv(data, tiny_model_dir, out, "--progress-jsonl")
    assert finetune.run(build_parser().parse_args(argv)) == 128 + signal.SIGTERM
    partial = RunPaths(out).partial
    assert not out.exists() and (partial / "chunks" / "chunk-0001" / "config.json").is_file()
    assert (partial / "checkpoints" / "checkpoint-2").is_dir()  # chunk 2's first epoch
    first = events(capsys.readouterr().out)
    assert [e["chunk"] for e in first if e["event"] == "chunk"] == [1, 2] and first[-1]["event"] == "cancelled"

    monkeypatch.setattr(CancelCallback, "on_step_end", original)
    assert finetune.run(build_parser().parse_args([*argv, "--resume"])) == 0
    resumed = events(capsys.readouterr().out)
    assert [e["chunk"] for e in resumed if e["event"] == "chunk"] == [2, 3]  # chunk 1 is not trained again
    assert [e["step"] for e in resumed if e["event"] == "start"] == [2, 0]  # chunk 2 from its epoch checkpoint
    assert not partial.exists() and resumed[-1]["event"] == "done"
    metrics = json.loads((out / "metrics.json").read_text())
    assert [c["chunk"] for c in metrics["chunks"]] == [1, 2, 3] and [c["steps"] for c in metrics["chunks"]] == [4] * 3
    assert metrics["best_eval_loss"] == min(c["eval_loss"] for c in metrics["chunks"])
    assert read_config(out)["filescribe_tasks"] == ["qa"] and is_qa_model(str(out), read_config(out))
    model, notice = load_qa_model(QAOptions(str(out), device="cpu"))
    assert model is not None and notice is None


def test_prompts_are_the_answerers_with_documentation_contexts(tmp_path: Path, tiny_model_dir: Path,
                                                                lexical_encoder, monkeypatch) -> None:
    from training.commands.qa_train import docs_index

    monkeypatch.setattr(lexical_encoder, "backing", None)
    register_qa_file(write_qa_file(tmp_path / "imported.jsonl"))  # the app's imported pairs stay out of contexts
    pairs = load_pairs(write_jsonl(tmp_path / "pairs.jsonl", TRAIN[:2]), strict=False)
    assert [p.filename for p in pairs] == [TOPICS[0][0], TOPICS[1][0]]  # the title, not the question's body
    tokenizer = load_tokenizer(tiny_model_dir)
    index = docs_index(lexical_encoder, jsonl=False)
    encoded = encode_pairs(pairs, tokenizer, lexical_encoder, index, k=1, fusion=True, max_input_tokens=256,
                           max_target_tokens=64)
    expected = qa_prompt(TOPICS[0][0], ["time.sleep Delay execution for a given number of seconds. The argument "
                                        "may be a float."])
    assert tokenizer.decode(encoded.input_ids[0], skip_special_tokens=True) == expected
    assert "shuffle" in tokenizer.decode(encoded.input_ids[1], skip_special_tokens=True).split("Question:")[0]
    assert tokenizer.decode(encoded.labels[0], skip_special_tokens=True) == "Call time.sleep(2). (answer 0)"
    assert encoded.lexical.shape == (2, 384) and encoded.lexical_rows == [0, 1]
    assert index.passages and not [p.id for p in index.passages if p.id.startswith("so:")]  # documentation only


def test_qa_training_needs_a_validation_file(tmp_path: Path, tiny_model_dir: Path, data: dict[str, Path]) -> None:
    argv = [a for a in qa_argv(data, tiny_model_dir, tmp_path / "run") if a not in ("--valid", str(data["valid"]))]
    with pytest.raises(TrainingError, match="--task qa needs --valid"):
        finetune.run(build_parser().parse_args(argv))
    assert not (tmp_path / "run").exists() and not RunPaths(tmp_path / "run").partial.exists()
