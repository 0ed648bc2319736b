"""Descriptions of everyday names: ROUGE against hand-written ones, use of the name's words, wrong types.

On benchmarks/data/everyday/dev.jsonl (or --data), for the baselines and each --model with the app's
defaults (its example memory and memory-aware decoding):
  echo             the name's words as they are ("tax return 2023 pdf")
  words + type     the name's words without the extension, then the type comment ("Tax Return 2023 PDF document")
  <model>          the model's descriptions
Columns: ROUGE-1 and ROUGE-L F-measures, the share of descriptions using a content word of the name (of the
names that have one), the count naming a type that contradicts the extension (training.quality), files/s.
A second table gives ROUGE-1 per category, a third paired ROUGE-1 differences with 95 % bootstrap intervals.
Run: .venv/bin/python -m benchmarks.bench_descriptions --model starter [--model DIR ...] [--memory FILE ...]
     [--data FILE] [--show 30] [--out DIR] [--smoke]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.models import model_spec
from benchmarks.smoke import parse_args
from core.describe.examples import Example, load_examples
from core.describe.facts import name_facts
from core.describe.prompts import clean_filename, filename_words
from training.quality import content_words, contradicting_type, uses_name_words
from training.rouge import bootstrap_difference, mean_scores, pair_scores

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "benchmarks" / "data" / "everyday" / "dev.jsonl"
CORPUS = ROOT / "resources" / "data" / "starter_descriptions.jsonl"


def echo(name: str) -> str:
    """The name's words as they are."""
    return filename_words(clean_filename(name))


def words_and_type(name: str) -> str:
    """The two-line rule: the name's words without its extension, then its type comment."""
    facts = name_facts(clean_filename(name))
    return " ".join(part for part in (facts.words, facts.type or "") if part)


def categories(path: Path) -> list[str]:
    """The `category` field of each line of an evaluation file (empty where absent)."""
    return [json.loads(line).get("category", "") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def measure(names: Sequence[str], texts: Sequence[str], gold: Sequence[str], seconds: float | None) -> dict:
    """ROUGE, name-word use, contradicting types and speed of one row."""
    pairs = pair_scores(list(texts), list(gold))
    with_words = [(n, t) for n, t in zip(names, texts, strict=True) if content_words(n)]
    wrong = [(n, t, found) for n, t in zip(names, texts, strict=True) if (found := contradicting_type(n, t))]
    return {**mean_scores(pairs), "rouge1_per_file": [p["rouge1"] for p in pairs],
            "uses_words": sum(uses_name_words(n, t) for n, t in with_words) / max(1, len(with_words)),
            "with_words": len(with_words), "wrong_type": len(wrong), "wrong_examples": wrong[:10],
            "files_per_s": None if seconds is None else len(names) / max(seconds, 1e-9), "texts": list(texts)}


def describe_with(spec: str, names: Sequence[str], memory_files: Sequence[Path]) -> tuple[list[str], float]:
    """A model's descriptions with the app's defaults (memory of the starter corpus, or of `memory_files`)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # before transformers is imported: nothing is downloaded
    from core.describe.engine import DescriptionEngine
    from core.describe.memory import default_memory

    engine = DescriptionEngine(spec, device="cpu")
    engine.memory = default_memory(engine.lexical, None, list(memory_files), with_starter=not memory_files)
    engine.describe(["warm-up.txt"])
    start = time.perf_counter()
    texts = engine.describe(list(names))
    return texts, time.perf_counter() - start


def in_corpus(names: Sequence[str], corpus: Path) -> list[bool]:
    """Whether each name occurs verbatim (case aside) in the training corpus."""
    known = {example.filename.lower() for example in load_examples(corpus)[0]} if corpus.is_file() else set()
    return [name.lower() in known for name in names]


def table(rows: dict[str, dict], seen: Sequence[bool]) -> str:
    """The main Markdown table, with ROUGE-1 on the names the corpus does not hold as well."""
    lines = ["| row | ROUGE-1 | ROUGE-L | ROUGE-1, names not in the corpus | uses the name's words | wrong type | "
             "files/s |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, row in rows.items():
        speed = "" if row["files_per_s"] is None else f"{row['files_per_s']:.1f}"
        unseen = [score for score, known in zip(row["rouge1_per_file"], seen, strict=True) if not known]
        lines.append(f"| {name} | {row['rouge1']:.3f} | {row['rougeL']:.3f} | {sum(unseen) / max(1, len(unseen)):.3f} "
                     f"| {row['uses_words']:.0%} (of {row['with_words']}) | {row['wrong_type']} | {speed} |")
    return "\n".join(lines)


def category_table(rows: dict[str, dict], kinds: Sequence[str]) -> str:
    """ROUGE-1 per category of the evaluation file."""
    names = sorted(set(kinds))
    lines = ["| row | " + " | ".join(f"{k} ({kinds.count(k)})" for k in names) + " |",
             "| --- |" + " --- |" * len(names)]
    for row_name, row in rows.items():
        cells = []
        for kind in names:
            scores = [s for s, k in zip(row["rouge1_per_file"], kinds, strict=True) if k == kind]
            cells.append(f"{sum(scores) / len(scores):.2f}")
        lines.append(f"| {row_name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def comparison_table(rows: dict[str, dict]) -> str:
    """Paired ROUGE-1 differences of each model row against the rule and against the previous model row."""
    models = [name for name in rows if name not in ("echo", "words + type")]
    pairs = [(m, "words + type") for m in models] + list(zip(models[1:], models[:-1], strict=False))
    lines = ["| comparison | mean ROUGE-1 difference | 95 % bootstrap interval |", "| --- | --- | --- |"]
    for better, other in pairs:
        mean, low, high = bootstrap_difference(rows[better]["rouge1_per_file"], rows[other]["rouge1_per_file"])
        lines.append(f"| {better} - {other} | {mean:+.3f} | {low:+.3f} to {high:+.3f} |")
    return "\n".join(lines)


def show(examples: Sequence[Example], rows: dict[str, dict], count: int) -> str:
    """`count` randomly chosen names with the reference and every model row's description."""
    picked = random.Random(0).sample(range(len(examples)), min(count, len(examples)))
    models = [name for name in rows if name not in ("echo", "words + type")]
    lines = []
    for index in picked:
        lines.append(f"{examples[index].filename}\n    reference: {examples[index].description}")
        lines += [f"    {name}: {rows[name]['texts'][index]}" for name in models]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> dict[str, dict]:
    """Run the benchmark and print its tables; returns the rows."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", action="append", default=[], metavar="SPEC",
                        help="a model to describe with (a spec, a folder or random-SHAPE; repeatable)")
    parser.add_argument("--memory", action="append", type=Path, default=[], metavar="JSONL",
                        help="the memory's examples (default: the shipped starter corpus, as the app)")
    parser.add_argument("--data", type=Path, default=DEV, help="evaluation JSONL (default: the everyday dev set)")
    parser.add_argument("--corpus", type=Path, default=CORPUS,
                        help="the training corpus, to count evaluation names it holds verbatim (default: the shipped)")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N outputs to read")
    parser.add_argument("--out", type=Path, help="write the rows as JSON here")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N names")
    args = parse_args(parser, {"limit": 10, "model": ["random-tiny"]}, argv)
    examples, kinds = load_examples(args.data)[0][:args.limit], categories(args.data)[:args.limit]
    names, gold = [e.filename for e in examples], [e.description for e in examples]
    rows = {"echo": measure(names, [echo(n) for n in names], gold, None),
            "words + type": measure(names, [words_and_type(n) for n in names], gold, None)}
    with tempfile.TemporaryDirectory(prefix="bench-descriptions-") as work:
        for spec in args.model:
            model = model_spec(spec, Path(work), lambda: [f"{e.filename} {e.description}" for e in examples] * 50)
            texts, seconds = describe_with(model, names, args.memory)
            rows[Path(spec).name or spec] = measure(names, texts, gold, seconds)
    seen = in_corpus(names, args.corpus)
    print(f"{args.data.name}: {len(names)} names, {sum(seen)} of them verbatim in {args.corpus.name}\n\n"
          f"{table(rows, seen)}\n\n{category_table(rows, kinds)}\n")
    if args.model:
        print(comparison_table(rows) + "\n")
    for name, row in rows.items():
        for filename, text, found in row["wrong_examples"]:
            print(f"wrong type ({name}): {filename} -> {text} [{found}]")
    if args.show:
        print("\n" + show(examples, rows, args.show))
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "descriptions.json").write_text(json.dumps(rows, indent=1, default=str), encoding="utf-8")
    return rows


if __name__ == "__main__":
    main()
