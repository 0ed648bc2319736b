"""How the starter's recommended fine-tuning rate was chosen: retraining on a development domain.

On the man8 development domain (benchmarks/data/memory_domains/admin-commands.*, never used for the
reported tables), `train` with its defaults at several learning rates, then ROUGE on the domain's 100
held-out look-alikes without and with the memory, and the starter test split before and after.
Run: python -m benchmarks.tune_retraining_lr [--model starter] [--rates 3e-4 1e-3 3e-3]
     [--retrain-args "--keep last"] [--out DIR] [--smoke]
"""
from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.bench_memory import (
    SMOKE,
    add_setup_options,
    app_memory,
    describe,
    domain_files,
    forgetting_cell,
    make_setup,
    retrain,
    starter_change,
)
from benchmarks.smoke import parse_args
from core.describe.engine import DescriptionEngine
from core.describe.memory import file_examples
from training.rouge import rouge_scores

DOMAIN = "admin-commands"
RESULTS = Path(__file__).resolve().parent / "results" / "retraining_lr"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_setup_options(parser, RESULTS)
    parser.add_argument("--rates", nargs="+", default=["3e-4", "1e-3", "3e-3"])
    args = parse_args(parser, {**SMOKE, "rates": ["1e-3"]})
    setup = make_setup(args, RESULTS)
    corrections_file, heldout_file = domain_files(DOMAIN, setup.limit, setup.out)
    corrections, heldout = file_examples([corrections_file]), file_examples([heldout_file])
    gold = [e.description for e in heldout]
    engine = DescriptionEngine(setup.base, device="cpu")
    memory = app_memory(engine, corrections, setup.starter)

    def rouge1(tuned: DescriptionEngine, with_memory: bool) -> str:
        return f"{rouge_scores(describe(tuned, heldout, memory if with_memory else None), gold)['rouge1']:.3f}"

    print(f"| {DOMAIN} (dev) | alone R1 | with memory R1 | starter test R1 before -> after (first "
          f"{setup.starter_check}) |\n| --- | --- | --- | --- |")
    print(f"| base | {rouge1(engine, False)} | {rouge1(engine, True)} | |", flush=True)
    for rate in args.rates:
        run = setup.out / f"lr-{rate}"
        metrics = retrain(setup.base, corrections_file, run, ["--lr", rate, *setup.retrain_args], setup.starter_check)
        tuned = DescriptionEngine(str(run), device="cpu", lexical=engine.lexical)
        print(f"| retrained, lr {rate} {args.retrain_args} | {rouge1(tuned, False)} | {rouge1(tuned, True)} | "
              f"{forgetting_cell(starter_change(metrics))} |", flush=True)


if __name__ == "__main__":
    main()
