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
Run: python -m benchmarks.bench_memory [--model starter] [--domains NAME ...] [--out DIR]
     [--retrain-args "--keep last"] [--fixed-shares 0.5 0.7 0.9] [--smoke]
"""
from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.memory_domains import DATA
from benchmarks.models import model_spec, starter_corpus_texts
from benchmarks.smoke import output_folder, parse_args
from core.describe.engine import DescriptionEngine, GenerationSettings
from core.describe.examples import Example
from core.describe.memory import ExampleMemory, build_memory, describes_files, file_examples, starter_memory_file
from core.describe.memory_vectors import filename_vectors
from core.describe.model_loading import resolve_model
from training.features import lexical_vectors
from training.replay import starter_split
from training.rouge import bootstrap_difference, mean_scores, pair_scores

RESULTS = Path(__file__).resolve().parent / "results" / "memory"
DOMAINS = ("gcloud-commands", "other-commands", "library-functions", "programs")
RETRAINED = {"retrained": ["--no-memory", "--replay", "0"], "retrained+memory": []}
STARTER_CHECK = 100  # forgetting measured on the first 100 examples of the starter test split
COMPARISONS = (("model+memory", "nn-copy"), ("model+memory", "memory top-1 copy"), ("model+memory", "model"),
               ("retrained+memory", "model+memory"), ("retrained+memory", "memory top-1 copy"),
               ("retrained+memory", "retrained"))
SMOKE = {"model": "random-tiny", "domains": ["other-commands"], "limit": 12, "starter_memory": 60,
         "starter_check": 0, "retrain_args": "--epochs 1 --threads 1"}


@dataclass(frozen=True)
class Setup:
    """What every domain shares: the base model, the memory's starter part, the sizes and the retraining options."""

    base: str
    starter: list[Example]  # the memory's general knowledge: the starter training split (or its first examples)
    limit: int | None  # at most this many corrections, held-out files and starter test files
    starter_check: int  # forgetting measured on this many starter test examples (0: not measured)
    retrain_args: list[str]
    out: Path


def starter_examples(limit: int | None = None) -> list[Example]:
    """The starter training split's files, the memory's general knowledge (its first `limit` examples)."""
    examples = file_examples([starter_memory_file()])
    return [example for example, keep in zip(examples, describes_files(examples), strict=True) if keep][:limit]


def app_memory(engine: DescriptionEngine, corrections: list[Example], starter: list[Example]) -> ExampleMemory:
    """The app's memory (core.describe.memory.default_memory): the corrections as the user's own, then the starter
    examples."""
    memory = build_memory(engine.lexical, corrections, own=True)
    memory.add(starter, filename_vectors(engine.lexical, starter))
    return memory


def domain_files(name: str, limit: int | None, out: Path) -> tuple[Path, Path]:
    """A domain's corrections and held-out files (their first `limit` lines, copied to `out`, when limited)."""
    files = DATA / f"{name}.corrections.jsonl", DATA / f"{name}.heldout.jsonl"
    if limit is None:
        return files
    for source in files:
        lines = source.read_text(encoding="utf-8").splitlines(keepends=True)[:limit]
        (out / source.name).write_text("".join(lines), encoding="utf-8")
    return out / files[0].name, out / files[1].name


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


def describe(engine: DescriptionEngine, heldout: list[Example], memory: ExampleMemory | None,
             copy: bool = True, share: float | None = None) -> list[str]:
    """The engine's descriptions of the held-out filenames, with `memory` (None: without one)."""
    engine.memory = memory
    engine.settings = GenerationSettings(copy_from_memory=copy, memory_share=share)
    return engine.describe([e.filename for e in heldout])


def model_rows(engine: DescriptionEngine, heldout: list[Example], corrections: list[Example],
               memory: ExampleMemory) -> dict[str, dict[str, float]]:
    """ROUGE of the copies and of the model without and with the memory, no retraining."""
    gold = [e.description for e in heldout]
    return {
        "nn-copy": scored(nn_copy(engine, corrections, heldout), gold),
        "memory top-1 copy": scored(memory_copy(engine, corrections, heldout), gold),
        "model": scored(describe(engine, heldout, None), gold),
        "model+memory, prompt": scored(describe(engine, heldout, memory, copy=False), gold),
        "model+memory": scored(describe(engine, heldout, memory), gold),
    }


def retrain(base: str, corrections: Path, out: Path, extra: list[str], starter_check: int) -> dict:
    """Run `python -m training train` on the corrections; its metrics.json and wall time."""
    command = [sys.executable, "-m", "training", "train", "--train", str(corrections), "--base", base,
               "--out", str(out), "--overwrite", "--starter-check", str(starter_check), *extra]
    print("$", " ".join(command), file=sys.stderr)
    started = time.monotonic()
    subprocess.run(command, check=True)
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    return {**metrics, "wall_s": time.monotonic() - started}


def fixed_share_rows(engine: DescriptionEngine, row: str, heldout: list[Example], memory: ExampleMemory,
                     shares: list[float]) -> dict[str, dict]:
    """Row `row` again with the memory's share of the copy mixture fixed at each of `shares`."""
    gold = [e.description for e in heldout]
    return {f"{row}, share {share:g}": scored(describe(engine, heldout, memory, share=share), gold)
            for share in shares}


def bench_domain(name: str, setup: Setup, shares: list[float]) -> dict:
    """All rows of one domain (with fixed-share variants of the memory rows when `shares` are given)."""
    corrections_file, heldout_file = domain_files(name, setup.limit, setup.out)
    corrections, heldout = file_examples([corrections_file]), file_examples([heldout_file])
    gold = [e.description for e in heldout]
    engine = DescriptionEngine(setup.base, device="cpu")
    memory = app_memory(engine, corrections, setup.starter)
    rows = model_rows(engine, heldout, corrections, memory)
    rows.update(fixed_share_rows(engine, "model+memory", heldout, memory, shares))
    print(f"{name}: " + ", ".join(f"{row} {scores['rouge1']:.3f}" for row, scores in rows.items()), file=sys.stderr)
    forgetting = {}
    for row, extra in RETRAINED.items():
        run = setup.out / "runs" / f"{name}-{row}"
        metrics = retrain(setup.base, corrections_file, run, [*extra, *setup.retrain_args], setup.starter_check)
        tuned = DescriptionEngine(str(run), device="cpu", lexical=engine.lexical)
        rows[row] = scored(describe(tuned, heldout, None if extra else memory), gold)
        if not extra:
            rows.update(fixed_share_rows(tuned, row, heldout, memory, shares))
        forgetting[row] = starter_change(metrics)
    return {"rows": rows, "forgetting": forgetting}


def starter_change(metrics: dict) -> dict | None:
    """ROUGE-1 on the starter test split before and after a retraining (None when not checked), and its time."""
    check = metrics["starter_test"]
    return check and {"before": check["base"]["rouge1"], "after": check["finetuned"]["rouge1"],
                      "train_wall_s": metrics["wall_s"]}


def forgetting_cell(check: dict | None) -> str:
    """A `starter_change` as text: before -> after (change), or why there is none."""
    if check is None:
        return "not checked (--starter-check 0)"
    return f"{check['before']:.3f} -> {check['after']:.3f} ({check['after'] - check['before']:+.3f})"


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
        lines.append(f"| {row} | " + " | ".join(forgetting_cell(results[d]["forgetting"][row]) for d in results) + " |")
    return "\n".join(lines)


def comparison_table(results: dict[str, dict]) -> str:
    """Markdown: paired ROUGE-1 differences over the held-out files of all domains, with 95 % intervals."""
    lines = ["| comparison (all held-out files) | mean ROUGE-1 difference | 95 % bootstrap interval |",
             "| --- | --- | --- |"]
    for better, other in COMPARISONS:
        mean, low, high = bootstrap_difference(
            [score for d in results.values() for score in d["rows"][better]["rouge1_per_file"]],
            [score for d in results.values() for score in d["rows"][other]["rouge1_per_file"]])
        lines.append(f"| {better} - {other} | {mean:+.3f} | {low:+.3f} to {high:+.3f} |")
    return "\n".join(lines)


def starter_test_rows(setup: Setup) -> dict[str, dict[str, float]]:
    """The model rows on the starter test split, with its training split as the memory (the app's default)."""
    engine = DescriptionEngine(setup.base, device="cpu")
    test = file_examples([starter_split("test")])[: setup.limit]
    return model_rows(engine, test, setup.starter, app_memory(engine, [], setup.starter))


def starter_table(rows: dict[str, dict[str, float]]) -> str:
    """Markdown: ROUGE-1/2/L per row on the starter test split."""
    lines = ["| row (starter test split) | R1 / R2 / RL |", "| --- | --- |"]
    lines += [f"| {row} | {s['rouge1']:.3f} / {s['rouge2']:.3f} / {s['rougeL']:.3f} |" for row, s in rows.items()]
    return "\n".join(lines)


def add_model_options(parser: argparse.ArgumentParser) -> None:
    """The model and the sizes: options of the benchmarks that score the memory."""
    parser.add_argument("--model", default="starter", help="the model spec to start from, or random-SHAPE "
                        "(benchmarks/models.py; default starter)")
    parser.add_argument("--limit", type=int, help="at most this many corrections, held-out and starter test files")
    parser.add_argument("--starter-memory", type=int, metavar="N",
                        help="only the first N starter examples in the memory (default all)")


def add_setup_options(parser: argparse.ArgumentParser, results: Path) -> None:
    """The model, the sizes, the retraining and where the runs go: options of the retraining benchmarks."""
    add_model_options(parser)
    parser.add_argument("--out", type=Path, help=f"results and retrained runs (default {results})")
    parser.add_argument("--starter-check", type=int, default=STARTER_CHECK, metavar="N",
                        help=f"forgetting on the first N starter test examples (default {STARTER_CHECK}; 0: none)")
    parser.add_argument("--retrain-args", default="", metavar="OPTIONS",
                        help='more `filescribe train` options for the retrained models, e.g. "--keep last"')


def base_model(spec: str, work: Path) -> str:
    """The folder of the model `spec` (a random-SHAPE model is built in `work`)."""
    return str(resolve_model(model_spec(spec, work, starter_corpus_texts)).path)


def make_setup(args: argparse.Namespace, results: Path) -> Setup:
    """The shared setup from the parsed options."""
    out = output_folder(args, results)
    return Setup(base_model(args.model, out), starter_examples(args.starter_memory), args.limit, args.starter_check,
                 shlex.split(args.retrain_args), out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_setup_options(parser, RESULTS)
    parser.add_argument("--domains", nargs="+", default=list(DOMAINS), choices=DOMAINS)
    parser.add_argument("--fixed-shares", nargs="*", type=float, default=[], metavar="SHARE",
                        help="also the memory rows with the copy mixture's memory share fixed at each SHARE")
    args = parse_args(parser, SMOKE)
    setup = make_setup(args, RESULTS)
    in_corpus = starter_test_rows(setup)
    (setup.out / "starter_test.json").write_text(json.dumps(in_corpus, indent=2) + "\n", encoding="utf-8")
    print(starter_table(in_corpus), flush=True)
    results: dict[str, dict] = {}
    for name in args.domains:  # written after each domain, so that a long run keeps what it measured
        results[name] = bench_domain(name, setup, args.fixed_shares)
        (setup.out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(table(results), flush=True)
    print(comparison_table(results), flush=True)


if __name__ == "__main__":
    main()
