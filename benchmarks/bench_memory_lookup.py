"""Example memory lookup at scale: adding N examples and finding the top-k for queries (the memory's ranking).

Vectors are random unit vectors (the cost does not depend on their values) and the filenames are
synthetic, so that the word-overlap re-ranking does its real work.
Run: python -m benchmarks.bench_memory_lookup [--examples 100000] [--queries 1000]
"""
from __future__ import annotations

import argparse
import time

import numpy as np

from benchmarks.filenames import synthetic_filenames
from benchmarks.smoke import parse_args
from core.describe.examples import Example
from core.describe.memory import ExampleMemory

DIMENSION = 384


def unit_vectors(count: int, rng: np.random.Generator) -> np.ndarray:
    """`count` random unit vectors of the MiniLM dimension."""
    vectors = rng.standard_normal((count, DIMENSION)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def names(count: int, seed: int) -> list[str]:
    """`count` distinct synthetic filenames (a numbered variant of the benchmark names)."""
    base = synthetic_filenames(4000, seed)
    return [f"{i}_{base[i % len(base)]}" for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1000)
    args = parse_args(parser, {"examples": 2000, "queries": 50})
    rng = np.random.default_rng(0)
    examples = [Example(name, f"description {i}") for i, name in enumerate(names(args.examples, 0))]
    vectors = unit_vectors(args.examples, rng)
    memory = ExampleMemory(DIMENSION)
    started = time.perf_counter()
    memory.add(examples, vectors)
    added = time.perf_counter() - started
    queries, query_names = unit_vectors(args.queries, rng), names(args.queries, 1)
    started = time.perf_counter()
    found = memory.neighbours(queries, query_names, k=3)
    batch = (time.perf_counter() - started) / args.queries
    singles = []
    for i in range(20):
        started = time.perf_counter()
        memory.neighbours(queries[i : i + 1], query_names[i : i + 1], k=3)
        singles.append(time.perf_counter() - started)
    assert all(len(row) <= 3 for row in found)
    print(f"| {args.examples:,} examples | add {added:.2f} s | {batch * 1000:.1f} ms per query in batches of "
          f"{args.queries:,} | {np.median(singles) * 1000:.1f} ms for a single query |")


if __name__ == "__main__":
    main()
