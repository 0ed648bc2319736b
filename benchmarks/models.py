"""Models the benchmarks build in code: a fused T5 of a named shape with random weights (speed, not quality) and a
Unigram tokenizer trained on the benchmark's own texts. Nothing is downloaded.

A benchmark's `--model` takes any model spec (`starter`, a folder, a hub id in the cache) or `random-SHAPE`, one of
SHAPES: `random-flan-t5-small` (google/flan-t5-small's layers and its 32,100 tokens in 32,128 embedding rows),
`random-starter` (the shipped starter's layers) or `random-tiny` (two layers of 32: the --smoke size).
"""
from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from resources import resource_path
from training.commands.starter import STARTER_SHAPE, tokenizer_texts

RANDOM = "random-"


@dataclass(frozen=True)
class Shape:
    """Layer sizes (`new_fused_t5`'s keywords) and the tokenizer: trained size, and the size it is padded to."""

    layers: dict[str, int]
    vocab_size: int = 8000  # the tokenizer trained on the benchmark's texts (at most this many pieces)
    max_texts: int | None = None  # texts the tokenizer learns from (None: all)
    tokens: int | None = None  # padded with unused pieces to this many tokens, as a hub tokenizer of this size
    rows: int | None = None  # token embedding rows (T5 rounds its 32,100 tokens up to 32,128)


SHAPES = {
    "flan-t5-small": Shape({"d_model": 512, "num_layers": 8, "num_heads": 6, "d_kv": 64, "d_ff": 1024},
                           tokens=32100, rows=32128),
    "starter": Shape(STARTER_SHAPE),
    "tiny": Shape({"d_model": 32, "num_layers": 2, "num_heads": 2, "d_kv": 16, "d_ff": 64}, vocab_size=500,
                  max_texts=2000),
}


def starter_corpus_texts() -> Iterable[str]:
    """What the starter's tokenizer learnt from: the starter corpus as prompts and targets."""
    return tokenizer_texts(resource_path("data", "starter_descriptions.jsonl"), with_python_docs=False)


def padded_tokenizer(tokenizer: Any, size: int) -> Any:
    """The same tokenizer with never-matched pieces appended (lowest score) until it has `size` tokens."""
    from tokenizers import Tokenizer
    from transformers import PreTrainedTokenizerFast

    state = json.loads(tokenizer.backend_tokenizer.to_str())
    vocab = state["model"]["vocab"]
    floor = min(score for _, score in vocab) - 1.0
    vocab += [[f"<unused_{i}>", floor] for i in range(size - len(tokenizer))]
    padded = PreTrainedTokenizerFast(
        tokenizer_object=Tokenizer.from_str(json.dumps(state)), pad_token=tokenizer.pad_token,
        eos_token=tokenizer.eos_token, unk_token=tokenizer.unk_token, model_max_length=tokenizer.model_max_length)
    assert len(padded) == size, (len(padded), size)
    return padded


def random_model(folder: Path, shape: str, texts: Iterable[str], seed: int = 0) -> Path:
    """Save a fused T5 of `shape` with random weights and a tokenizer trained on `texts` in `folder`.

    The LM head starts at std d_model**-0.5 (a first loss near ln(vocabulary)) and the lexical projection at std
    0.02, so that the filename vector changes the output as in a trained model.
    """
    import torch

    from training.scratch import new_fused_t5, train_tokenizer

    chosen = SHAPES[shape]
    torch.manual_seed(seed)
    tokenizer = train_tokenizer(itertools.islice(texts, chosen.max_texts), vocab_size=chosen.vocab_size)
    if chosen.tokens:
        tokenizer = padded_tokenizer(tokenizer, chosen.tokens)
    model = new_fused_t5(tokenizer, **chosen.layers)
    if chosen.rows:
        model.resize_token_embeddings(chosen.rows, mean_resizing=False)
        model.config.vocab_size = chosen.rows
    with torch.no_grad():
        model.lm_head.weight.normal_(std=chosen.layers["d_model"] ** -0.5)
        model.lexical_proj.weight.normal_(std=0.02)
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def model_spec(spec: str, work: Path, texts: Callable[[], Iterable[str]]) -> str:
    """`spec` as the engine takes it: `random-SHAPE` is built in `work` (tokenizer from `texts()`), others kept."""
    if not spec.startswith(RANDOM):
        return spec
    shape = spec.removeprefix(RANDOM)
    if shape not in SHAPES:
        raise SystemExit(f"unknown model shape {shape!r}: random-{', random-'.join(SHAPES)}")
    return str(random_model(work / spec, shape, texts()))
