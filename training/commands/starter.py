"""`filescribe starter split|init|ship|vectors`: the corpus split by group, a tokenizer and new fused T5, the shipped
copy, the memory's shipped filename vectors."""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from training.trainer_setup import KEEP_CHOICES

# A Flan-T5-style (gated-GELU) shape of about 13M parameters with an 8k vocabulary.
STARTER_SHAPE = {"d_model": 256, "num_layers": 4, "num_heads": 4, "d_kv": 64, "d_ff": 1024}
TOKENIZERS = ("unigram", "minilm")  # a Unigram tokenizer trained here, or MiniLM's WordPiece vocabulary
EMBEDDINGS = ("random", "minilm")  # token embeddings at random, or started from MiniLM's


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register `starter init|split|ship|vectors`."""
    parser = subparsers.add_parser("starter", help="split the starter corpus; build its tokenizer and model; ship it")
    parser.add_argument("action", choices=("init", "split", "ship", "vectors"),
                        help="init: tokenizer + untrained model in --out; split: train/valid/test files in --out; "
                             "ship: the trained --run as float16 safetensors in --out; vectors: the MiniLM "
                             "filename vectors of the --corpus examples, shipped beside it for the app's memory")
    parser.add_argument("--corpus", type=Path, help="description JSONL (filename, file_desc, group); init and split; "
                        "ship: learn the written-form tables of a lower-casing tokenizer from it")
    parser.add_argument("--run", type=Path, help="the trained run folder to ship")
    parser.add_argument("--out", type=Path, help="output folder (init, split, ship)")
    parser.add_argument("--finetune-lr", type=float,
                        help="ship: record this as the model's recommended fine-tuning rate (train's default --lr)")
    parser.add_argument("--finetune-keep", choices=KEEP_CHOICES,
                        help="ship: record which epoch fine-tuning this model should keep (train's default --keep)")
    parser.add_argument("--vocab-size", type=int, default=8000, help="init: Unigram vocabulary size (default 8000)")
    parser.add_argument("--tokenizer", choices=TOKENIZERS, default="unigram",
                        help="init: a Unigram tokenizer trained on the corpus (default), or MiniLM's WordPiece "
                             "vocabulary cut to the tokens the corpus uses")
    parser.add_argument("--embeddings", choices=EMBEDDINGS, default="random",
                        help="init: token embeddings at random (default) or from the packaged MiniLM's")
    parser.add_argument("--d-model", type=int, default=STARTER_SHAPE["d_model"], help="init: model width")
    parser.add_argument("--layers", type=int, default=STARTER_SHAPE["num_layers"], help="init: encoder and decoder "
                        "layers each")
    parser.add_argument("--d-ff", type=int, default=STARTER_SHAPE["d_ff"], help="init: feed-forward width")
    parser.add_argument("--no-python-docs", action="store_true", help="train the tokenizer on the corpus only")
    parser.add_argument("--fresh", action="store_true", help="split: shuffle all groups anew instead of keeping the "
                        "places of the groups already split in --out (new groups go by a hash of their name)")
    parser.add_argument("--seed", type=int, default=0)
    return parser


def tokenizer_texts(corpus: Path, with_python_docs: bool) -> Iterator[str]:
    """What the tokenizer learns from: the corpus as prompts and targets, and Python's own documentation."""
    from core.describe.prompts import build_prompt

    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            yield build_prompt(record["filename"])
            yield record["file_desc"]
    if with_python_docs:
        from core.qa.pydocs import python_doc_texts

        for _, text in python_doc_texts():
            yield text


ALWAYS_TRAIN = frozenset({"hand-written", "project-names"})  # knowledge the app must have, not a sample to test on
SPLITS = ("train", "valid", "test")


def group_of(record: dict) -> str:
    """The record's split group (its filename when it has none)."""
    return str(record.get("group") or record["filename"])


def hashed_split(group: str) -> str:
    """85/10/5 by a hash of the group's name: a new group's place does not depend on the other groups."""
    bucket = int.from_bytes(hashlib.sha256(group.encode("utf-8")).digest()[:8], "big") % 100
    return "test" if bucket < 5 else "valid" if bucket < 15 else "train"


def split_by_group(records: list[dict], seed: int, placed: dict[str, str] | None = None) -> dict[str, list[dict]]:
    """85/10/5 split of whole groups (a MIME type, a Python package), so test names are not near-copies.

    Without `placed`, the groups are shuffled with `seed`. With `placed` (group -> split of an earlier split), every
    group keeps its place and new groups go by `hashed_split`, so adding data never moves a trained or tested name.
    Records of an ALWAYS_TRAIN source go to train wherever their group falls, so the others' splits do not move."""
    groups = sorted({group_of(r) for r in records})
    if placed:
        split_of = {g: placed.get(g) or hashed_split(g) for g in groups}
    else:
        random.Random(seed).shuffle(groups)
        n_test, n_valid = max(1, round(len(groups) * 0.05)), max(1, round(len(groups) * 0.10))
        split_of = {g: "test" if i < n_test else "valid" if i < n_test + n_valid else "train"
                    for i, g in enumerate(groups)}
    splits: dict[str, list[dict]] = {name: [] for name in SPLITS}
    for record in records:
        splits["train" if record.get("source") in ALWAYS_TRAIN else split_of[group_of(record)]].append(record)
    return splits


def placed_groups(folder: Path) -> dict[str, str]:
    """Group -> split of the split files already in `folder` (ALWAYS_TRAIN records left out: they say nothing)."""
    from core.describe.examples import LoadReport, iter_json_lines

    placed = {}
    for name in SPLITS:
        path = folder / f"{name}.jsonl"
        if path.is_file():
            for _, record in iter_json_lines(path, LoadReport(), strict=True):
                if record.get("source") not in ALWAYS_TRAIN:
                    placed[group_of(record)] = name
    return placed


def write_splits(corpus: Path, out: Path, seed: int, fresh: bool = False) -> dict[str, int]:
    """Write train/valid/test JSONL files of the corpus split by group, keeping the places of the groups already
    split in `out` unless `fresh`; returns their sizes."""
    from core.atomic import write_text_atomically
    from core.describe.examples import LoadReport, iter_json_lines

    records = [record for _, record in iter_json_lines(corpus, LoadReport(), strict=True)]
    placed = {} if fresh else placed_groups(out)
    sizes = {}
    for name, rows in split_by_group(records, seed, placed).items():
        write_text_atomically(out / f"{name}.jsonl", (json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        sizes[name] = len(rows)
    return sizes


SHIPPED_RUN_FILES = ("training_args.json", "loss_history.json", "metrics.json")


def corpus_descriptions(corpus: Path) -> list[str]:
    """The descriptions of a corpus JSONL file."""
    with corpus.open(encoding="utf-8") as handle:
        return [json.loads(line)["file_desc"] for line in handle if line.strip()]


def learn_written_form(model: Any, tokenizer: Any, corpus: Path) -> None:
    """Give a model with a lower-casing tokenizer the corpus's spacing and spelling tables (core.describe.surface)."""
    from core.describe.surface import learn_surface, lowercases

    if lowercases(tokenizer):
        model.config.surface_forms = learn_surface(tokenizer, corpus_descriptions(corpus))


def ship(run: Path, out: Path, finetune_lr: float | None = None, finetune_keep: str | None = None,
         corpus: Path | None = None) -> int:
    """Write the run's model in float16 safetensors, its tokenizer and records to `out`, replaced as a whole
    (with `corpus`, its written-form tables learnt afresh)."""
    import shutil

    from core.describe.model_loading import load_fused_model

    model, tokenizer = load_fused_model(run)
    if corpus is not None:
        learn_written_form(model, tokenizer, corpus)
    if finetune_lr is not None:
        model.config.finetune_lr = finetune_lr
    if finetune_keep is not None:
        model.config.finetune_keep = finetune_keep
    staging = out.parent / f".{out.name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    model.half().save_pretrained(staging)
    tokenizer.save_pretrained(staging)
    for source in [run / name for name in SHIPPED_RUN_FILES] + [out / "MODEL_CARD.md"]:
        if source.is_file():  # the run's records, and the model card of the copy being replaced
            shutil.copy2(source, staging / source.name)
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    size = sum(path.stat().st_size for path in out.iterdir())
    print(f"starter ship: {out} ({size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


def write_memory_vectors(corpus: Path) -> int:
    """Encode the corpus's filenames with the packaged MiniLM and write them beside it."""
    from core.describe.examples import load_examples
    from core.describe.lexical import LexicalEncoder
    from core.describe.memory_vectors import write_vectors

    examples, report = load_examples(corpus)
    if report.problems:
        raise SystemExit(f"starter vectors: {corpus} has malformed lines: {report.problems[0]}")
    path = write_vectors(corpus, examples, LexicalEncoder())
    print(f"starter vectors: {len(examples)} vectors in {path} ({path.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    """`split`: group-wise split files; `init`: the tokenizer and a new model; `ship`: the float16 copy;
    `vectors`: the memory's filename vectors."""
    if args.action == "vectors":
        if args.corpus is None:
            raise SystemExit("starter vectors needs --corpus")
        return write_memory_vectors(args.corpus)
    if args.out is None:
        raise SystemExit(f"starter {args.action} needs --out")
    if args.action == "ship":
        if args.run is None:
            raise SystemExit("starter ship needs --run")
        return ship(args.run, args.out, args.finetune_lr, args.finetune_keep, args.corpus)
    if args.corpus is None:
        raise SystemExit(f"starter {args.action} needs --corpus")
    if args.action == "split":
        sizes = write_splits(args.corpus, args.out, args.seed, args.fresh)
        print(f"starter split: {sizes} in {args.out}", file=sys.stderr)
        return 0
    import torch

    from training import scratch

    torch.manual_seed(args.seed)
    texts = tokenizer_texts(args.corpus, not args.no_python_docs)
    if args.tokenizer == "minilm":
        tokenizer = scratch.wordpiece_tokenizer(texts, scratch.minilm_folder())
    else:
        tokenizer = scratch.train_tokenizer(texts, args.vocab_size)
    shape = {**STARTER_SHAPE, "d_model": args.d_model, "num_layers": args.layers, "d_ff": args.d_ff,
             "num_heads": max(1, args.d_model // STARTER_SHAPE["d_kv"])}
    embeddings = (scratch.minilm_embeddings_for(tokenizer, scratch.minilm_folder(), args.d_model, args.seed)
                  if args.embeddings == "minilm" else None)
    model = scratch.new_fused_t5(tokenizer, embeddings=embeddings, **shape)
    learn_written_form(model, tokenizer, args.corpus)
    args.out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(args.out)
    tokenizer.save_pretrained(args.out)
    params = sum(p.numel() for p in model.parameters())
    print(f"starter init: {params / 1e6:.1f}M parameters, vocabulary {len(tokenizer)}, saved to {args.out}",
          file=sys.stderr)
    return 0
