"""Describe throughput: the engine (batched, sorted, dynamic padding) vs the seed's one-at-a-time way, or, with
--app-defaults, the engine as the desktop app loads it (example memory of the starter corpus, memory-aware
decoding, torch on one core less than the machine has, the app's device and precision).

Run: python -m benchmarks.bench_describe [--files 1000] [--seed-files 100] [--model random-flan-t5-small]
     python -m benchmarks.bench_describe --model starter --app-defaults [--files 1000]
The default model has google/flan-t5-small's shape and random weights (speed only: every output runs to the
32-token cap; benchmarks/models.py); filenames are synthetic (benchmarks/filenames.py); MiniLM is the packaged one.
"""
from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import torch

from benchmarks.filenames import STEMS, synthetic_filenames
from benchmarks.models import model_spec
from benchmarks.smoke import parse_args
from core.describe.engine import DescriptionEngine
from core.describe.prompts import build_prompt

WARM_UP = 8  # files described before the clock starts (weights paged in, first-call set-up)
HEADER = "| mode | files/s | files per CPU-second | peak RSS |\n| --- | --- | --- | --- |"
SMOKE = {"files": 24, "seed_files": 4, "model": "random-tiny", "no_memory": True}


def seed_way(engine: DescriptionEngine, names: list[str]) -> list[str]:
    """The seed notebook's inference: one file at a time, encoder input padded to 128 tokens."""
    outputs = []
    for name in names:
        lexical = torch.from_numpy(engine.lexical._model.encode([name], normalize_embeddings=True))
        batch = engine.tokenizer(build_prompt(name), padding="max_length", truncation=True, max_length=128,
                                 return_tensors="pt")
        with torch.inference_mode():
            ids = engine.model.generate(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"],
                                        lexical_embeds=lexical, max_new_tokens=engine.settings.max_new_tokens,
                                        do_sample=False)
        outputs.append(" ".join(engine.tokenizer.decode(ids[0], skip_special_tokens=True).split()))
    return outputs


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Rate(NamedTuple):
    """Files per second of wall time, and per second of this process's CPU time (all its threads): the figure
    that stays put when other jobs share the cores."""

    wall: float
    cpu: float


def timed(function: Callable[[], list[str]], count: int) -> tuple[list[str], Rate]:
    """Run `function`; its outputs and `count` per second."""
    wall, cpu = time.perf_counter(), time.process_time()
    outputs = function()
    return outputs, Rate(count / (time.perf_counter() - wall), count / (time.process_time() - cpu))


def engine_rate(engine: DescriptionEngine, names: list[str], step: int | None = None) -> tuple[list[str], Rate]:
    """Describe a few names to warm up, forget the filename vectors, then time describing all `names`: in one call,
    or in calls of `step` names (as the app's engine thread takes them from its queue)."""
    engine.describe(names[:WARM_UP])
    engine.lexical._cache.clear()
    step = step or len(names)
    return timed(lambda: [text for start in range(0, len(names), step)
                          for text in engine.describe(names[start : start + step])], len(names))


def row(mode: str, rate: Rate) -> None:
    """One line of the Markdown table."""
    print(f"| {mode} | {rate.wall:.1f} | {rate.cpu:.1f} | {peak_rss_mb():.0f} MB |", flush=True)


def compare_modes(model: str, names: list[str], seed_files: int) -> None:
    """Rows of the engine in fp32 and bf16 and of the seed's way, with how their outputs compare."""
    torch.set_num_threads(os.cpu_count() or 1)
    engine = DescriptionEngine(model, device="cpu", precision="float32", batch_size=32)
    print(HEADER)
    ours, ours_rate = engine_rate(engine, names)
    row("engine, fp32, batch 32, length-sorted, dynamic padding", ours_rate)
    subset = names[:seed_files]
    seed_out, seed_rate = timed(lambda: seed_way(engine, subset), len(subset))
    row("seed's way, fp32, one at a time, max_length 128", seed_rate)
    bf16 = DescriptionEngine(model, device="cpu", precision="bfloat16", batch_size=32, lexical=engine.lexical)
    bf16_out, bf16_rate = engine_rate(bf16, names)
    row("engine, bf16 weights (`--precision bfloat16`)", bf16_rate)
    same = sum(a == b for a, b in zip(ours[: len(subset)], seed_out, strict=True))
    differ = sum(a != b for a, b in zip(ours, bf16_out, strict=True))
    print(f"\nspeed-up fp32 vs seed: {ours_rate.wall / seed_rate.wall:.1f}x (CPU time: "
          f"{ours_rate.cpu / seed_rate.cpu:.1f}x); identical greedy outputs: {same}/{len(subset)}")
    print(f"bf16 vs fp32: {bf16_rate.wall / ours_rate.wall:.2f}x (CPU time: {bf16_rate.cpu / ours_rate.cpu:.2f}x); "
          f"outputs differing from fp32: {differ}/{len(names)}")


def app_defaults(model: str, names: list[str], use_memory: bool, data_dir: Path) -> None:
    """The row of the engine the desktop app loads (desktop_app.gui.files.worker.load_engine) on a new store,
    describing as the app's engine thread does: a batch of names per call (cache checks and store writes aside)."""
    from core.store import Store
    from desktop_app.gui.files.worker import load_engine
    from desktop_app.gui.settings import AppSettings

    started = time.perf_counter()
    engine = load_engine(AppSettings(model_spec=model, use_memory=use_memory), Store.open(data_dir))
    memory = f"memory of {len(engine.memory)} examples" if engine.uses_memory else "no memory"
    print(f"loaded in {time.perf_counter() - started:.1f} s with {memory} (not timed)\n\n{HEADER}")
    _, rate = engine_rate(engine, names, engine.batch_size)
    decoding = ", memory-aware decoding" if engine.uses_memory and engine.settings.copy_from_memory else ""
    row(f"{engine.resolved.name}, the app's defaults: {memory}{decoding}, {engine.device.type} "
        f"{str(engine.dtype).removeprefix('torch.')}, {torch.get_num_threads()} torch thread(s), "
        f"{engine.batch_size} files per call", rate)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed-files", type=int, default=100, help="files run the seed's (slow) way")
    parser.add_argument("--model", default="random-flan-t5-small", help="a model spec or random-SHAPE "
                        "(benchmarks/models.py; default random-flan-t5-small)")
    parser.add_argument("--app-defaults", action="store_true",
                        help="only the row of the engine as the desktop app loads it (use with --model starter)")
    parser.add_argument("--no-memory", action="store_true",
                        help="with --app-defaults: the app's memory turned off (--smoke turns it off: building it "
                             "encodes the 4,275 starter examples)")
    args = parse_args(parser, SMOKE)
    names = synthetic_filenames(args.files)
    with tempfile.TemporaryDirectory() as tmp:
        model = model_spec(args.model, Path(tmp), lambda: [f"{s} {build_prompt(s)}" for s in STEMS * 20])
        print(f"{len(names)} synthetic files, model {args.model}")
        if args.app_defaults:
            app_defaults(model, names, not args.no_memory, Path(tmp) / "data")
        else:
            compare_modes(model, names, args.seed_files)


if __name__ == "__main__":
    main()
