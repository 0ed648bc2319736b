"""`filescribe starter init`: the starter model's tokenizer and a new, untrained fused T5 folder."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

# A Flan-T5-style (gated-GELU) shape of about 13M parameters with an 8k vocabulary.
STARTER_SHAPE = {"d_model": 256, "num_layers": 4, "num_heads": 4, "d_kv": 64, "d_ff": 1024}


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register `starter init`."""
    parser = subparsers.add_parser("starter", help="build the starter model's tokenizer and initial weights")
    parser.add_argument("action", choices=("init",))
    parser.add_argument("--corpus", type=Path, required=True, help="description JSONL (filename, file_desc)")
    parser.add_argument("--out", type=Path, required=True, help="folder for the untrained model")
    parser.add_argument("--vocab-size", type=int, default=8000)
    parser.add_argument("--no-python-docs", action="store_true", help="train the tokenizer on the corpus only")
    parser.add_argument("--seed", type=int, default=0)
    return parser


def tokenizer_texts(corpus: Path, with_python_docs: bool) -> Iterator[str]:
    """What the tokenizer learns from: the corpus as prompts and targets, and Python's own documentation."""
    from core.prompts import build_prompt

    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            yield build_prompt(record["filename"])
            yield record["file_desc"]
    if with_python_docs:
        from core.pydocs import python_doc_texts

        for _, text in python_doc_texts():
            yield text


def run(args: argparse.Namespace) -> int:
    """Train the tokenizer and save it with a randomly initialised model in --out."""
    import torch

    from training.scratch import new_fused_t5, train_tokenizer

    torch.manual_seed(args.seed)
    tokenizer = train_tokenizer(tokenizer_texts(args.corpus, not args.no_python_docs), args.vocab_size)
    model = new_fused_t5(tokenizer, **STARTER_SHAPE)
    args.out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(args.out)
    tokenizer.save_pretrained(args.out)
    params = sum(p.numel() for p in model.parameters())
    print(f"starter init: {params / 1e6:.1f}M parameters, vocabulary {len(tokenizer)}, saved to {args.out}",
          file=sys.stderr)
    return 0
