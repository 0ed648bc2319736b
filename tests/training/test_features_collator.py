"""Features (training/features.py) and the fusion collator (training/collator.py)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from core.describe.engine import DescriptionEngine, GenerationSettings
from core.describe.examples import Example
from core.describe.model_loading import load_tokenizer
from core.describe.prompts import build_prompt, clean_filename
from training.collator import LABEL_PAD, FusionCollator
from training.features import encode_examples

EXAMPLES = [
    Example("app_config.yaml", "configuration settings for an application"),
    Example("README.md", "documentation that introduces a project"),
    Example("app_config.yaml", "settings of the app"),
    Example("résumé.docx", "a word processor document with a résumé"),
    Example("a_much_longer_filename_for_padding_v2.tar.gz", "a compressed tar archive"),
]


@pytest.fixture(scope="module")
def tokenizer(tiny_model_dir: Path):
    return load_tokenizer(tiny_model_dir)


@pytest.fixture(scope="module")
def encoded(tokenizer, lexical_encoder):
    limit = GenerationSettings().max_input_tokens  # what training uses by default, as the engine does
    return encode_examples(EXAMPLES, tokenizer, lexical_encoder, max_input_tokens=limit, max_target_tokens=64)


def test_inputs_are_the_apps_prompts_unpadded(encoded, tokenizer, tiny_engine: DescriptionEngine) -> None:
    for example, ids in zip(EXAMPLES, encoded.input_ids, strict=True):
        limit = tiny_engine.settings.max_input_tokens  # the engine's truncation, which training uses too
        assert ids == tokenizer(build_prompt(example.filename), truncation=True, max_length=limit)["input_ids"]
        assert ids[-1] == tokenizer.eos_token_id and tokenizer.pad_token_id not in ids
    assert len({len(ids) for ids in encoded.input_ids}) > 1  # no padding to a common length
    assert encoded.labels[0] == tokenizer(text_target=EXAMPLES[0].description)["input_ids"]


def test_lexical_vectors_are_the_apps_and_shared_per_filename(encoded, lexical_encoder) -> None:
    assert encoded.lexical.shape == (4, 384)  # five examples, four distinct filenames
    assert encoded.lexical_rows[0] == encoded.lexical_rows[2]
    engine_vectors = lexical_encoder.encode([clean_filename(example.filename) for example in EXAMPLES])  # as the engine
    stacked = np.stack([encoded[i]["lexical_embeds"] for i in range(len(EXAMPLES))])
    np.testing.assert_allclose(stacked, engine_vectors, atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(stacked, axis=1), 1.0, atol=1e-5)  # no projection here


def test_lexical_encoder_is_called_once_with_distinct_names(tokenizer, lexical_encoder, monkeypatch) -> None:
    calls: list[list[str]] = []
    original = lexical_encoder.encode
    monkeypatch.setattr(lexical_encoder, "encode", lambda names, **kw: calls.append(list(names)) or original(names))
    encode_examples(EXAMPLES * 10, tokenizer, lexical_encoder, max_input_tokens=64, max_target_tokens=64)
    assert len(calls) == 1 and len(calls[0]) == 4


def test_truncation_and_no_fusion(tokenizer) -> None:
    plain = encode_examples(EXAMPLES, tokenizer, None, max_input_tokens=8, max_target_tokens=5)
    assert max(map(len, plain.input_ids)) == 8 and max(map(len, plain.labels)) == 5
    assert "lexical_embeds" not in plain[0]


def test_collator_pads_dynamically_and_masks_labels(encoded, tokenizer) -> None:
    features = [encoded[i] for i in range(len(EXAMPLES))]
    batch = FusionCollator(tokenizer.pad_token_id)(features)
    longest_input, longest_label = max(len(f["input_ids"]) for f in features), max(len(f["labels"]) for f in features)
    assert batch["input_ids"].shape == batch["attention_mask"].shape == (5, longest_input)
    assert batch["labels"].shape == (5, longest_label)
    assert batch["lexical_embeds"].shape == (5, 384) and batch["lexical_embeds"].dtype == torch.float32
    for row, feature in enumerate(features):
        n_in, n_lab = len(feature["input_ids"]), len(feature["labels"])
        assert batch["input_ids"][row, :n_in].tolist() == feature["input_ids"]
        assert (batch["input_ids"][row, n_in:] == tokenizer.pad_token_id).all()
        assert batch["attention_mask"][row].tolist() == [1] * n_in + [0] * (longest_input - n_in)
        assert batch["labels"][row, :n_lab].tolist() == feature["labels"]
        assert (batch["labels"][row, n_lab:] == LABEL_PAD).all()
    assert (batch["labels"] != tokenizer.pad_token_id).all()  # a padded label is -100, never a pad token


def test_collator_pad_to_multiple(encoded, tokenizer) -> None:
    batch = FusionCollator(tokenizer.pad_token_id, pad_to_multiple_of=128)([encoded[0], encoded[1]])
    assert batch["input_ids"].shape[1] == batch["labels"].shape[1] == 128
    assert "lexical_embeds" not in FusionCollator(0)([{"input_ids": [5, 1], "labels": [1]}])


def test_collator_with_group_by_length_sampler(tokenizer, lexical_encoder) -> None:
    from transformers.trainer_pt_utils import LengthGroupedSampler

    many = [Example(f"{'x' * (i % 17)}file_{i}.txt", f"text {i}") for i in range(64)]
    dataset = encode_examples(many, tokenizer, lexical_encoder, max_input_tokens=64, max_target_tokens=16)
    loader = torch.utils.data.DataLoader(dataset, batch_size=8, collate_fn=FusionCollator(tokenizer.pad_token_id),
                                         sampler=LengthGroupedSampler(8, dataset=dataset))
    batches = list(loader)
    assert sum(len(b["input_ids"]) for b in batches) == 64
    padding = sum(int((b["attention_mask"] == 0).sum()) for b in batches)
    shuffled = torch.utils.data.DataLoader(dataset, batch_size=8, shuffle=True,
                                           collate_fn=FusionCollator(tokenizer.pad_token_id),
                                           generator=torch.Generator().manual_seed(0))
    assert padding < sum(int((b["attention_mask"] == 0).sum()) for b in shuffled)


def test_bf16_lexical_encoder_matches_float32(lexical_encoder) -> None:
    from core.describe.lexical import LexicalEncoder

    fast = LexicalEncoder(cache_size=0, bf16=True)  # what `train` uses when it trains in bf16
    names = ["alpha.dat", "quarterly_report.pdf", "holiday_photo.jpg", "Makefile"]
    vectors, exact = fast.encode(names), lexical_encoder.encode(names)
    assert vectors.dtype == np.float32 and not np.array_equal(vectors, exact)
    assert (vectors * exact).sum(axis=1).min() > 0.999
    assert fast.identity != lexical_encoder.identity  # persisted vectors of the two never mix
