"""Preprocessing throughput: training/features.py vs the seed notebook's per-example map, same data and machine.

Run: python -m benchmarks.bench_features [--examples 2008] [--repeats 3]
Data: the first N examples of resources/data/starter_descriptions.jsonl (synthetic pairs if it is missing).
Both ways use the same tokenizer (a Unigram trained on the data) and the packaged MiniLM (float32 unless said).
Times are the best of --repeats runs; MiniLM's load time is excluded from both. The machine is shared, so by
default the clock is this process's CPU time with one torch thread (--clock wall --threads 2 for wall time).
"""
from __future__ import annotations

import argparse
import time

import torch

from benchmarks.smoke import parse_args
from core.describe.examples import Example
from core.describe.lexical import LexicalEncoder
from core.describe.prompts import build_prompt
from resources import resource_path
from training.data import load_data
from training.features import encode_examples
from training.scratch import train_tokenizer

STARTER_DATA = resource_path("data", "starter_descriptions.jsonl")
CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
SEED_MAX_LENGTH = 128


def benchmark_examples(count: int) -> list[Example]:
    """The first `count` starter examples, or synthetic pairs when the starter corpus is absent."""
    if STARTER_DATA.is_file():
        return load_data(STARTER_DATA).examples[:count]
    kinds = {"pdf": "a PDF document", "py": "Python source code", "csv": "a table of comma separated values"}
    return [Example(f"file_{i}.{ext}", f"{desc} number {i}") for i in range(count) for ext, desc in kinds.items()][
        :count]


def seed_way(examples: list[Example], tokenizer, lexical: LexicalEncoder) -> list[dict]:
    """The seed's tokenize_function, one example at a time: encode, project, normalise, pad to 128."""
    projection = torch.nn.Linear(lexical.dimension, 512)
    features = []
    for example in examples:
        embedding = torch.tensor(lexical._model.encode(example.filename)).float()
        projected = projection(embedding)
        projected = projected / projected.norm()
        inputs = tokenizer(build_prompt(example.filename), padding="max_length", truncation=True,
                           max_length=SEED_MAX_LENGTH)
        labels = tokenizer(example.description, padding="max_length", truncation=True, max_length=SEED_MAX_LENGTH)
        inputs["labels"] = labels["input_ids"]
        inputs["lexical_embeds"] = projected.detach().numpy().astype("float32").tolist()
        features.append(inputs)
    return features


def add_clock_options(parser: argparse.ArgumentParser) -> None:
    """--clock and --threads, shared by the benchmarks."""
    parser.add_argument("--clock", choices=CLOCKS, default="cpu", help="cpu: process CPU time (default), or wall")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (default 1)")


def best_rate(function, count: int, repeats: int, clock, before=None) -> float:
    """Examples per second of the fastest of `repeats` runs (`before` runs untimed before each)."""
    best = float("inf")
    for _ in range(repeats):
        if before is not None:
            before()
        start = clock()
        function()
        best = min(best, clock() - start)
    return count / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=2008, help="the seed's 1707 + 201 + 100 (default 2008)")
    parser.add_argument("--repeats", type=int, default=3)
    add_clock_options(parser)
    args = parse_args(parser, {"examples": 40, "repeats": 1})
    torch.set_num_threads(args.threads)
    clock = CLOCKS[args.clock]
    examples = benchmark_examples(args.examples)
    distinct = len({example.filename for example in examples})
    tokenizer = train_tokenizer([f"{e.filename} {e.description}" for e in examples], vocab_size=4000)
    lexical = LexicalEncoder()
    lexical.encode(["warm-up.txt"])
    n = len(examples)

    fast_lexical = LexicalEncoder(bf16=True)

    def ours(encoder: LexicalEncoder = lexical) -> None:
        encode_examples(examples, tokenizer, encoder, max_input_tokens=128, max_target_tokens=64)

    rates = {
        "seed's way: per example, pad to 128, projection at preprocessing": best_rate(
            lambda: seed_way(examples, tokenizer, lexical), n, max(1, args.repeats - 1), clock),
        "features.py, MiniLM float32 (vectors identical to the app's)": best_rate(
            ours, n, args.repeats, clock, before=lexical._cache.clear),
        "features.py, MiniLM bf16 autocast (train's default, native bf16)": best_rate(
            lambda: ours(fast_lexical), n, args.repeats, clock, before=fast_lexical._cache.clear),
        "features.py, vectors already in the encoder's cache (re-run)": best_rate(ours, n, args.repeats, clock),
        "features.py without fusion (tokenisation only)": best_rate(
            lambda: encode_examples(examples, tokenizer, None, max_input_tokens=128, max_target_tokens=64),
            n, args.repeats, clock),
    }
    seed_rate = next(iter(rates.values()))
    print(f"{n} examples, {distinct} distinct filenames, {args.threads} torch thread(s), {args.clock} clock")
    print(f"| {'way':<68} | {'examples/s':>10} | {'vs seed':>7} |")
    print(f"| {'-' * 68} | {'-' * 10} | {'-' * 7} |")
    for label, rate in rates.items():
        print(f"| {label:<68} | {rate:>10,.0f} | {rate / seed_rate:>6.1f}x |")


if __name__ == "__main__":
    main()
