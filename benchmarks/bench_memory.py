"""Corrections that take effect at once: the example memory vs nearest-neighbour copy, the model alone and retraining.

Per domain of benchmarks/data/memory_domains (200 "corrections", 100 held-out look-alikes the starter
never saw), ROUGE on the held-out files for:
  nn-copy              the description of the most similar correction (MiniLM cosine)
  memory top-1 copy    the same with the memory's ranking (same file type first, shared filename words)
  model                the model alone, no memory
  model+memory, prompt the memory's examples in the prompt only (GenerationSettings(copy_from_memory=False))
  model+memory         the app's default: the examples in the prompt and memory-aware decoding
  retrained            `filescribe train --no-memory --replay 0` on the corrections, no memory
  retrained+memory     `filescribe train` with its defaults (memory prompts, replay 0.5), with the memory
and, for both retrained rows, ROUGE on the starter test split before and after (forgetting). A second
table gives the first four model rows on the starter test split itself (groups the model never saw, from
the kinds of files it was trained on), with the starter training split as the memory. A third table
gives paired differences of ROUGE-1 over all held-out files with 95 % bootstrap intervals.
Run: .venv/bin/python benchmarks/bench_memory.py [--model starter] [--domains NAME ...] [--out DIR]
     [--retrain-args "--keep last"] [--fixed-shares 0.5 0.7 0.9]
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.describe.engine import DescriptionEngine, GenerationSettings  # noqa: E402
from core.describe.examples import Example, load_examples  # noqa: E402
from core.describe.memory import build_memory, default_memory, starter_memory_file  # noqa: E402
from core.describe.model_loading import resolve_model  # noqa: E402
from training.features import lexical_vectors  # noqa: E402
from training.rouge import mean_scores, pair_scores  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "memory_domains"
DOMAINS = ("gcloud-commands", "other-commands", "library-functions")
RETRAINED = {"retrained": ["--no-memory", "--replay", "0"], "retrained+memory": []}
STARTER_CHECK = "100"  # forgetting measured on the first 100 examples of the starter test split
COMPARISONS = (("model+memory", "nn-copy"), ("model+memory", "memory top-1 copy"), ("model+memory", "model"),
               ("retrained+memory", "model+memory"), ("retrained+memory", "memory top-1 copy"),
               ("retrained+memory", "retrained"))
RESAMPLES = 10_000


def scored(predictions: list[str], gold: list[str]) -> dict:
    """Mean ROUGE F-measures of the predictions, with each file's ROUGE-1 for the paired comparisons."""
    pairs = pair_scores(predictions, gold)
    return {**mean_scores(pairs), "rouge1_per_file": [pair["rouge1"] for pair in pairs]}


def nn_copy(engine: DescriptionEngine, corrections: list[Example], heldout: list[Example]) -> list[str]:
    """The description of the correction whose filename is most similar to each held-out filename."""
    pool, rows = lexical_vectors([e.filename for e in corrections], engine.lexical)
    queries, query_rows = lexical_vectors([e.filename for e in heldout], engine.lexical)
    best = (queries[query_rows] @ pool[rows].T).argmax(axis=1)
    return [corrections[int(i)].description for i in best]


def memory_copy(engine: DescriptionEngine, corrections: list[Example], heldout: list[Example]) -> list[str]:
    """The description of the first neighbour the memory's ranking finds among the corrections alone."""
    memory = build_memory(engine.lexical, corrections, k=1, floor=-1.0)
    names = [e.filename for e in heldout]
    return [found[0].description for found in memory.neighbours(engine.lexical_vectors(names), names)]


def describe(engine: DescriptionEngine, heldout: list[Example], memory_files: list[Path] | None,
             copy: bool = True, share: float | None = None) -> list[str]:
    """The engine's descriptions of the held-out filenames, with the app's memory when files are given."""
    engine.memory = None if memory_files is None else default_memory(engine.lexical, None, memory_files)
    engine.settings = GenerationSettings(copy_from_memory=copy, memory_share=share)
    return engine.describe([e.filename for e in heldout])


def model_rows(engine: DescriptionEngine, heldout: list[Example], corrections: list[Example],
               memory_files: list[Path]) -> dict[str, dict[str, float]]:
    """ROUGE of the copies and of the model without and with the memory, no retraining."""
    gold = [e.description for e in heldout]
    return {
        "nn-copy": scored(nn_copy(engine, corrections, heldout), gold),
        "memory top-1 copy": scored(memory_copy(engine, corrections, heldout), gold),
        "model": scored(describe(engine, heldout, None), gold),
        "model+memory, prompt": scored(describe(engine, heldout, memory_files, copy=False), gold),
        "model+memory": scored(describe(engine, heldout, memory_files), gold),
    }


def retrain(base: str, corrections: Path, out: Path, extra: list[str]) -> dict:
    """Run `python -m training train` on the corrections; its metrics.json and wall time."""
    command = [sys.executable, "-m", "training", "train", "--train", str(corrections), "--base", base,
               "--out", str(out), "--overwrite", "--starter-check", STARTER_CHECK, *extra]
    print("$", " ".join(command), file=sys.stderr)
    started = time.monotonic()
    subprocess.run(command, cwd=ROOT, check=True)
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    return {**metrics, "wall_s": time.monotonic() - started}


def fixed_share_rows(engine: DescriptionEngine, row: str, heldout: list[Example], memory_files: list[Path],
                     shares: list[float]) -> dict[str, dict]:
    """Row `row` again with the memory's share of the copy mixture fixed at each of `shares`."""
    gold = [e.description for e in heldout]
    return {f"{row}, share {share:g}": scored(describe(engine, heldout, memory_files, share=share), gold)
            for share in shares}


def bench_domain(name: str, base: str, runs: Path, retrain_args: list[str], shares: list[float]) -> dict:
    """All rows of one domain (with fixed-share variants of the memory rows when `shares` are given)."""
    corrections_file, heldout_file = DATA / f"{name}.corrections.jsonl", DATA / f"{name}.heldout.jsonl"
    corrections, heldout = load_examples(corrections_file)[0], load_examples(heldout_file)[0]
    gold = [e.description for e in heldout]
    engine = DescriptionEngine(base, device="cpu")
    rows = model_rows(engine, heldout, corrections, [corrections_file])
    rows.update(fixed_share_rows(engine, "model+memory", heldout, [corrections_file], shares))
    print(f"{name}: " + ", ".join(f"{row} {scores['rouge1']:.3f}" for row, scores in rows.items()), file=sys.stderr)
    forgetting = {}
    for row, extra in RETRAINED.items():
        metrics = retrain(base, corrections_file, runs / f"{name}-{row}", [*extra, *retrain_args])
        tuned = DescriptionEngine(str(runs / f"{name}-{row}"), device="cpu", lexical=engine.lexical)
        rows[row] = scored(describe(tuned, heldout, None if extra else [corrections_file]), gold)
        if not extra:
            rows.update(fixed_share_rows(tuned, row, heldout, [corrections_file], shares))
        check = metrics["starter_test"]
        forgetting[row] = {"before": check["base"]["rouge1"], "after": check["finetuned"]["rouge1"],
                           "train_wall_s": metrics["wall_s"]}
    return {"rows": rows, "forgetting": forgetting}


def table(results: dict[str, dict]) -> str:
    """Markdown: ROUGE-1/2/L per row and domain, then the forgetting on the starter test split."""
    lines = ["| row | " + " | ".join(f"{d} R1 / R2 / RL" for d in results) + " | mean R1 |",
             "| --- |" + " --- |" * (len(results) + 1)]
    for row in next(iter(results.values()))["rows"]:
        cells = [results[d]["rows"][row] for d in results]
        mean = sum(c["rouge1"] for c in cells) / len(cells)
        lines.append(f"| {row} | " + " | ".join(f"{c['rouge1']:.3f} / {c['rouge2']:.3f} / {c['rougeL']:.3f}"
                                                 for c in cells) + f" | {mean:.3f} |")
    lines += ["", "| retrained row | " + " | ".join(f"{d} starter R1 before -> after" for d in results) + " |",
              "| --- |" + " --- |" * len(results)]
    for row in RETRAINED:
        cells = [results[d]["forgetting"][row] for d in results]
        changes = (f"{c['before']:.3f} -> {c['after']:.3f} ({c['after'] - c['before']:+.3f})" for c in cells)
        lines.append(f"| {row} | " + " | ".join(changes) + " |")
    return "\n".join(lines)


def paired_difference(better: list[float], other: list[float]) -> tuple[float, float, float]:
    """Mean of better - other per file and its 95 % percentile bootstrap interval (files resampled)."""
    difference = np.asarray(better) - np.asarray(other)
    picks = np.random.default_rng(0).integers(0, len(difference), (RESAMPLES, len(difference)))
    low, high = np.percentile(difference[picks].mean(axis=1), [2.5, 97.5])
    return float(difference.mean()), float(low), float(high)


def comparison_table(results: dict[str, dict]) -> str:
    """Markdown: paired ROUGE-1 differences over the held-out files of all domains, with 95 % intervals."""
    lines = ["| comparison (all held-out files) | mean ROUGE-1 difference | 95 % bootstrap interval |",
             "| --- | --- | --- |"]
    for better, other in COMPARISONS:
        mean, low, high = paired_difference(
            [score for d in results.values() for score in d["rows"][better]["rouge1_per_file"]],
            [score for d in results.values() for score in d["rows"][other]["rouge1_per_file"]])
        lines.append(f"| {better} - {other} | {mean:+.3f} | {low:+.3f} to {high:+.3f} |")
    return "\n".join(lines)


def starter_test_rows(base: str) -> dict[str, dict[str, float]]:
    """The model rows on the starter test split, with its training split as the memory (the app's default)."""
    from training.replay import starter_split

    engine = DescriptionEngine(base, device="cpu")
    return model_rows(engine, load_examples(starter_split("test"))[0], load_examples(starter_memory_file())[0], [])


def starter_table(rows: dict[str, dict[str, float]]) -> str:
    """Markdown: ROUGE-1/2/L per row on the starter test split."""
    lines = ["| row (starter test split) | R1 / R2 / RL |", "| --- | --- |"]
    lines += [f"| {row} | {s['rouge1']:.3f} / {s['rouge2']:.3f} / {s['rougeL']:.3f} |" for row, s in rows.items()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="starter", help="the model spec to start from (default starter)")
    parser.add_argument("--domains", nargs="+", default=list(DOMAINS), choices=DOMAINS)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "memory")
    parser.add_argument("--retrain-args", default="", metavar="OPTIONS",
                        help='more `filescribe train` options for both retrained rows, e.g. "--keep last"')
    parser.add_argument("--fixed-shares", nargs="*", type=float, default=[], metavar="SHARE",
                        help="also the memory rows with the copy mixture's memory share fixed at each SHARE")
    args = parser.parse_args()
    base = str(resolve_model(args.model).path)
    args.out.mkdir(parents=True, exist_ok=True)
    in_corpus = starter_test_rows(base)
    (args.out / "starter_test.json").write_text(json.dumps(in_corpus, indent=2) + "\n", encoding="utf-8")
    print(starter_table(in_corpus), flush=True)
    results: dict[str, dict] = {}
    for name in args.domains:  # written after each domain, so that a long run keeps what it measured
        results[name] = bench_domain(name, base, args.out / "runs", shlex.split(args.retrain_args),
                                     args.fixed_shares)
        (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(table(results), flush=True)
    print(comparison_table(results), flush=True)


if __name__ == "__main__":
    main()
