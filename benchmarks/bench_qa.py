"""Python Q&A: index build time, retrieval latency, answer latency (extractive and with a generating model).

Run: python -m benchmarks.bench_qa [--cache-dir DIR] [--rebuild] [--generate 10] [--threads N] [--smoke]
The index is the real one (pydoc topics + stdlib docstrings of this interpreter; --docs N: its first N texts),
built into --cache-dir (default: a fresh temporary folder, so the build is timed). Generation uses a
flan-t5-small-shaped fused T5 with random weights (d_model 512, 8 layers, 6 heads, d_ff 1024, vocab 32128;
--generator: benchmarks/models.py): speed only, answers are noise.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

import torch

from benchmarks.models import RANDOM, model_spec
from benchmarks.smoke import parse_args
from core.describe.lexical import LexicalEncoder
from core.qa.answerer import QAEngine, QAOptions
from core.qa.index import INDEX_FILENAME, open_index
from core.qa.passages import DocSource, python_docs
from core.qa.pydocs import python_doc_texts

SMOKE = {"docs": 3, "questions": 3, "threads": 1, "generate": 2, "max_answer_tokens": 8, "generator": "random-tiny"}
SEED_QUESTIONS = [
    "What is the difference between list and tuple?",
    "How to create a new text file in Python?",
    "How to install Numpy?",
    "How to add 2 lists together?",
    "How to remove a specific element from a list in Python?",
    "How to find the index of an element in a list in Python?",
]
MORE_QUESTIONS = [
    "How do I reverse a list?", "How do I read a file line by line?", "How to sort a dictionary by value?",
    "How do I check if a key exists in a dict?", "How to convert a string to int?", "How do I merge two dicts?",
    "How do I get the current time?", "How do I make a directory?", "How to split a string on commas?",
    "What does the yield keyword do?", "How do I catch several exceptions in one except?",
    "How to iterate over a dictionary?", "What is a lambda?", "How do I format a float with two decimals?",
    "How to copy a list?", "How do I run a shell command?", "How can I parse JSON?", "How do I use a with statement?",
    "What is the difference between is and ==?", "How to remove duplicates from a list?",
    "How do I generate a random number?", "How to get the length of a string?", "How do I join a list of strings?",
    "How do I define a class with a constructor?",
]


def percentile(values: list[float], share: float) -> float:
    """The `share` percentile of `values` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def latency_ms(function, inputs: list[str]) -> tuple[float, float]:
    """(p50, p95) in milliseconds of `function` over `inputs`, after one warm-up call."""
    function(inputs[0])
    times = []
    for item in inputs:
        start = time.perf_counter()
        function(item)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), percentile(times, 0.95)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generator(spec: str, work: Path) -> str:
    """The Q&A model: `spec`, or a random-SHAPE model marked as a Q&A model, tokenizer trained on Python's docs."""
    folder = model_spec(spec, work, lambda: (text for _, text in itertools.islice(python_doc_texts(), 3000)))
    if spec.startswith(RANDOM):
        config = json.loads((Path(folder) / "config.json").read_text())
        (Path(folder) / "config.json").write_text(json.dumps({**config, "filescribe_tasks": ["qa"]}))
    return folder


def documentation(count: int | None) -> DocSource:
    """Python's documentation as the app indexes it, or its first `count` texts."""
    docs = python_docs()
    if count is None:
        return docs
    return DocSource(f"first {count} of {docs.identity}", lambda: itertools.islice(docs.texts(), count))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache-dir", type=Path, help="index cache to use (default: a fresh temporary one)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the index in --cache-dir and time it")
    parser.add_argument("--generate", type=int, default=10, help="questions answered by the generating model")
    parser.add_argument("--max-answer-tokens", type=int, default=128)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="torch threads (default: cores)")
    parser.add_argument("--docs", type=int, metavar="N", help="index only the first N documentation texts")
    parser.add_argument("--questions", type=int, metavar="N", help="ask only the first N questions")
    parser.add_argument("--generator", default="random-flan-t5-small",
                        help="the Q&A model: random-SHAPE (benchmarks/models.py) or a model spec")
    args = parse_args(parser, SMOKE)
    torch.set_num_threads(args.threads)
    print(f"torch threads: {args.threads}; load average before: {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache_dir or Path(tmp) / "cache"
        encoder, docs = LexicalEncoder(cache_size=0), documentation(args.docs)
        start = time.perf_counter()
        opened = open_index(encoder, docs=docs, cache_dir=cache, rebuild=args.rebuild)
        seconds = time.perf_counter() - start
        index = opened.index
        size_mb = (cache / INDEX_FILENAME).stat().st_size / 1e6
        what = "built" if opened.built else "loaded from cache"
        print(f"index {what} in {seconds:.1f} s: {len(index)} passages, {len(index.units)} units, "
              f"{size_mb:.1f} MB on disk, peak RSS {peak_rss_mb():.0f} MB", flush=True)
        start = time.perf_counter()
        type(index).load(cache / INDEX_FILENAME)
        print(f"index load from cache: {time.perf_counter() - start:.2f} s", flush=True)

        questions = (SEED_QUESTIONS + MORE_QUESTIONS)[: args.questions]
        vectors = {q: encoder.encode([q])[0] for q in questions}
        p50, p95 = latency_ms(lambda q: index.search(vectors[q], 5), questions)
        print(f"search only (top 5 of {len(index.units)} unit vectors): p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        p50, p95 = latency_ms(lambda q: index.search(encoder.encode([q])[0], 5), questions)
        print(f"retrieval (encode question + search): p50 {p50:.1f} ms, p95 {p95:.1f} ms", flush=True)

        extractive = QAEngine(index, encoder)
        p50, p95 = latency_ms(lambda q: extractive.ask(q), questions)
        print(f"answer, extractive: p50 {p50:.1f} ms, p95 {p95:.1f} ms", flush=True)

        if args.generate:
            options = QAOptions(generator(args.generator, Path(tmp)), device="cpu", precision="float32",
                                cache_dir=cache, max_answer_tokens=args.max_answer_tokens)
            generative = QAEngine.open(options, encoder=encoder, docs=docs)
            p50, p95 = latency_ms(lambda q: generative.ask(q), questions[: args.generate])
            print(f"answer, generated ({args.max_answer_tokens} new tokens, {args.generator}, fp32): "
                  f"p50 {p50 / 1000:.2f} s, p95 {p95 / 1000:.2f} s; peak RSS {peak_rss_mb():.0f} MB")
        print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
