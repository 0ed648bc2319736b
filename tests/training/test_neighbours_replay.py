"""Training prompts with similar examples (training/neighbours.py), replay (training/replay.py), evaluate's memory."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.describe.examples import Example, load_examples
from tests.training.conftest import TOY_EXAMPLES, train_in_process
from training.commands.evaluate import attach_memory
from training.features import encode_examples, lexical_vectors
from training.neighbours import example_neighbours, pool_memory, share_with_neighbours
from training.replay import REPLAY_SOURCE, replay_count, replay_examples, starter_split

EXAMPLES = [Example(name, description) for name, description in TOY_EXAMPLES]


def vectors_of(examples: list[Example], encoder) -> object:
    distinct, rows = lexical_vectors([e.filename for e in examples], encoder)
    return distinct[rows]


def test_neighbours_come_from_the_pool_and_never_are_the_example_itself(lexical_encoder) -> None:
    vectors = vectors_of(EXAMPLES, lexical_encoder)
    memory = pool_memory(EXAMPLES, vectors)
    found = example_neighbours(EXAMPLES, vectors, memory)
    assert share_with_neighbours(found) == 1.0  # every toy name has look-alikes above the floor
    for example, pairs in zip(EXAMPLES, found, strict=True):
        assert (example.filename, example.description) not in pairs
        assert 1 <= len(pairs) <= memory.k
    report = found[EXAMPLES.index(Example("report.pdf", "a PDF document"))]
    assert any(name.startswith("report.") or name.endswith(".pdf") for name, _ in report)


def test_a_seeded_share_of_examples_gets_no_neighbours(lexical_encoder) -> None:
    vectors = vectors_of(EXAMPLES, lexical_encoder)
    memory = pool_memory(EXAMPLES, vectors)
    first = example_neighbours(EXAMPLES, vectors, memory, empty_share=0.25, seed=3)
    assert sum(1 for pairs in first if not pairs) == round(len(EXAMPLES) * 0.25)
    assert first == example_neighbours(EXAMPLES, vectors, memory, empty_share=0.25, seed=3)
    assert first != example_neighbours(EXAMPLES, vectors, memory, empty_share=0.25, seed=4)


def test_training_prompts_carry_the_neighbours(tiny_model_dir: Path, lexical_encoder) -> None:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    pairs = [[("budget.pdf", "a PDF document")], []]
    encoded = encode_examples(EXAMPLES[:2], tokenizer, None, max_input_tokens=256, max_target_tokens=16,
                              neighbours=pairs)
    with_neighbours, without = (tokenizer.decode(ids, skip_special_tokens=True) for ids in encoded.input_ids)
    assert "similar files: budget.pdf = a PDF document" in with_neighbours
    assert "similar files" not in without


def test_replay_share_of_the_mixed_set() -> None:
    assert replay_count(0.5, 40, 1000) == 40
    assert replay_count(0.25, 30, 1000) == 10
    assert replay_count(0.5, 40, 7) == 7
    assert replay_count(0.0, 40, 1000) == 0
    with pytest.raises(ValueError):
        replay_count(1.0, 40, 1000)


def test_replay_samples_the_starter_training_split_without_held_out_names() -> None:
    starter = load_examples(starter_split("train"))[0]
    own, held_out = EXAMPLES[:20], [Example(starter[0].filename, "held out")]
    replayed = replay_examples(0.5, own, held_out, seed=1)
    assert len(replayed) == 20 and {e.source for e in replayed} == {REPLAY_SOURCE}
    starter_pairs = {(e.filename, e.description) for e in starter}
    assert all((e.filename, e.description) in starter_pairs for e in replayed)
    assert starter[0].filename not in {e.filename for e in replayed}
    assert replayed == replay_examples(0.5, own, held_out, seed=1)
    assert replay_examples(0, own, held_out, seed=1) == []


def test_train_mixes_replay_and_reports_the_starter_test_split(tmp_path: Path, tiny_model_dir: Path, toy_jsonl: Path,
                                                              lexical_encoder) -> None:
    out = train_in_process(["--train", str(toy_jsonl), "--base", str(tiny_model_dir), "--out", str(tmp_path / "run"),
                            "--epochs", "1", "--batch-size", "8", "--threads", "1", "--replay", "0.5",
                            "--starter-check", "6"], lexical=lexical_encoder)
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    own_train = metrics["examples"]["train"] // 2
    assert metrics["examples"]["train"] == 2 * own_train > 0
    check = metrics["starter_test"]
    assert check["n"] == 6 and set(check["base"]) == set(check["finetuned"]) == {"rouge1", "rouge2", "rougeL",
                                                                               "rougeLsum"}
    gold = [e.description for e in load_examples(starter_split("test"))[0][:6]]
    assert [row["gold"] for row in check["examples"]] == gold
    assert json.loads((out / "training_args.json").read_text())["memory"] is True


def test_evaluate_memory_leaves_out_the_evaluated_examples(tiny_model_dir: Path, lexical_encoder,
                                                           toy_jsonl: Path) -> None:
    from core.describe.engine import DescriptionEngine

    engine = DescriptionEngine(str(tiny_model_dir), device="cpu", lexical=lexical_encoder)
    held_out = EXAMPLES[:5]
    attach_memory([engine], [toy_jsonl], held_out)
    stored = {(e.filename, e.description) for e in engine.memory.examples}
    assert not stored & {(e.filename, e.description) for e in held_out}
    assert {(e.filename, e.description) for e in EXAMPLES[5:]} <= stored
    assert len(stored) > len(EXAMPLES)  # the starter corpus is in the memory too
    assert all("similar files" in i.prompt for i in engine.model_inputs([e.filename for e in held_out]))
