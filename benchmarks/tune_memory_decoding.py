"""How the memory's ranking and decoding constants were chosen: a sweep on the starter *valid* split.

The memory is the starter training split; the valid split's groups are absent from it and from the
model's training. Prints ROUGE-1/2/L of: the memory's top-1 copy per word-overlap weight; the model
alone; the examples in the prompt only; the copy mixture at fixed memory shares and with the adaptive
share (the app's default).
Run: .venv/bin/python benchmarks/tune_memory_decoding.py [--model starter]
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.describe.engine import DescriptionEngine, GenerationSettings  # noqa: E402
from core.describe.examples import load_examples  # noqa: E402
from core.describe.memory import build_memory, starter_memory_file  # noqa: E402
from training.replay import starter_split  # noqa: E402
from training.rouge import rouge_scores  # noqa: E402

OVERLAP_WEIGHTS = (0.0, 0.2, 0.5, 1.0)
SHARES = (0.3, 0.5, 0.7, 0.9)


def row(name: str, predictions: list[str], gold: list[str]) -> str:
    """One markdown table row of ROUGE-1/2/L."""
    scores = rouge_scores(predictions, gold)
    return f"| {name} | {scores['rouge1']:.3f} / {scores['rouge2']:.3f} / {scores['rougeL']:.3f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="starter")
    args = parser.parse_args()
    engine = DescriptionEngine(args.model, device="cpu")
    valid, pool = load_examples(starter_split("valid"))[0], load_examples(starter_memory_file())[0]
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


if __name__ == "__main__":
    main()
