"""How the starter's recommended fine-tuning rate was chosen: retraining on a development domain.

On the man8 development domain (benchmarks/data/memory_domains/admin-commands.*, never used for the
reported tables), `train` with its defaults at several learning rates, then ROUGE on the domain's 100
held-out look-alikes without and with the memory, and the starter test split before and after.
Run: .venv/bin/python benchmarks/tune_retraining_lr.py [--model starter] [--rates 3e-4 1e-3 3e-3]
     [--retrain-args "--keep last"] [--out DIR]
"""
from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_memory import DATA, STARTER_CHECK, describe, retrain  # noqa: E402
from core.describe.engine import DescriptionEngine  # noqa: E402
from core.describe.examples import load_examples  # noqa: E402
from core.describe.model_loading import resolve_model  # noqa: E402
from training.rouge import rouge_scores  # noqa: E402

DOMAIN = "admin-commands"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="starter")
    parser.add_argument("--rates", nargs="+", default=["3e-4", "1e-3", "3e-3"])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "retraining_lr")
    parser.add_argument("--retrain-args", default="", metavar="OPTIONS", help="more `filescribe train` options")
    args = parser.parse_args()
    base = str(resolve_model(args.model).path)
    corrections = DATA / f"{DOMAIN}.corrections.jsonl"
    heldout = load_examples(DATA / f"{DOMAIN}.heldout.jsonl")[0]
    gold = [e.description for e in heldout]
    engine = DescriptionEngine(base, device="cpu")
    print(f"| {DOMAIN} (dev) | alone R1 | with memory R1 | starter test R1 before -> after (first {STARTER_CHECK}) |\n"
          "| --- | --- | --- | --- |")
    print(f"| base | {rouge_scores(describe(engine, heldout, None), gold)['rouge1']:.3f} | "
          f"{rouge_scores(describe(engine, heldout, [corrections]), gold)['rouge1']:.3f} | |", flush=True)
    for rate in args.rates:
        metrics = retrain(base, corrections, args.out / f"lr-{rate}", ["--lr", rate, *shlex.split(args.retrain_args)])
        tuned = DescriptionEngine(str(args.out / f"lr-{rate}"), device="cpu", lexical=engine.lexical)
        check = metrics["starter_test"]
        print(f"| retrained, lr {rate} {args.retrain_args} | "
              f"{rouge_scores(describe(tuned, heldout, None), gold)['rouge1']:.3f} | "
              f"{rouge_scores(describe(tuned, heldout, [corrections]), gold)['rouge1']:.3f} | "
              f"{check['base']['rouge1']:.3f} -> {check['finetuned']['rouge1']:.3f} |", flush=True)


if __name__ == "__main__":
    main()
