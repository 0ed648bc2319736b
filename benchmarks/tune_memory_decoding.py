"""How the memory's ranking and decoding constants were chosen: a sweep on the starter *valid* split.

The memory is the starter training split; the valid split's groups are absent from it and from the
model's training. Prints ROUGE-1/2/L of: the memory's top-1 copy per word-overlap weight; the model
alone; the examples in the prompt only; the copy mixture at fixed memory shares and with the adaptive
share (the app's default).
Run: python -m benchmarks.tune_memory_decoding [--model starter] [--smoke]
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from benchmarks.bench_memory import SMOKE, add_model_options, base_model, starter_examples
from benchmarks.smoke import parse_args
from core.describe.engine import DescriptionEngine, GenerationSettings
from core.describe.examples import Example, load_examples
from core.describe.memory import build_memory
from training.replay import starter_split
from training.rouge import rouge_scores

OVERLAP_WEIGHTS = (0.0, 0.2, 0.5, 1.0)
SHARES = (0.3, 0.5, 0.7, 0.9)


def row(name: str, predictions: list[str], gold: list[str]) -> str:
    """One markdown table row of ROUGE-1/2/L."""
    scores = rouge_scores(predictions, gold)
    return f"| {name} | {scores['rouge1']:.3f} / {scores['rouge2']:.3f} / {scores['rougeL']:.3f} |"


def sweep(engine: DescriptionEngine, valid: list[Example], pool: list[Example]) -> None:
    """Print the rows: the copies per overlap weight, the model, the prompt only, the copy mixtures."""
    names, gold = [e.filename for e in valid], [e.description for e in valid]
    vectors = engine.lexical_vectors(names)
    print(f"| starter valid split ({len(valid)} files) | R1 / R2 / RL |\n| --- | --- |")
    for weight in OVERLAP_WEIGHTS:
        memory = build_memory(engine.lexical, pool, k=1, floor=-1.0, overlap_weight=weight)
        copies = [found[0].description for found in memory.neighbours(vectors, names)]
        print(row(f"memory top-1 copy, overlap weight {weight:g}", copies, gold), flush=True)
    print(row("model alone", engine.describe(names), gold), flush=True)
    engine.memory = build_memory(engine.lexical, pool)
    settings = {"examples in the prompt only": GenerationSettings(copy_from_memory=False),
                **{f"copy mixture, share {share:g}": GenerationSettings(memory_share=share) for share in SHARES},
                "copy mixture, adaptive share (default)": GenerationSettings()}
    for name, chosen in settings.items():
        engine.settings = chosen
        print(row(name, engine.describe(names), gold), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_model_options(parser)
    args = parse_args(parser, SMOKE)
    with tempfile.TemporaryDirectory() as work:
        engine = DescriptionEngine(base_model(args.model, Path(work)), device="cpu")
        sweep(engine, load_examples(starter_split("valid"))[0][: args.limit], starter_examples(args.starter_memory))

if __name__ == "__main__":
    main()
