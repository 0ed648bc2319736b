"""Python Q&A: index build time, retrieval latency, answer latency (extractive and with a generating model).

Run: .venv/bin/python benchmarks/bench_qa.py [--cache-dir DIR] [--rebuild] [--generate 10] [--threads N]
The index is the real one (pydoc topics + stdlib docstrings of this interpreter), built into --cache-dir
(default: a fresh temporary folder, so the build is timed). Generation uses a flan-t5-small-shaped fused T5
with random weights (d_model 512, 8 layers, 6 heads, d_ff 1024, vocab 32128): speed only, answers are noise.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402

from core.describe.lexical import LexicalEncoder  # noqa: E402
from core.qa.answerer import QAEngine, QAOptions  # noqa: E402
from core.qa.index import INDEX_FILENAME, open_index  # noqa: E402

FLAN_T5_SMALL_SHAPE = dict(d_model=512, num_layers=8, num_heads=6, d_kv=64, d_ff=1024)
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


def build_generator(folder: Path) -> Path:
    """A random flan-t5-small-shaped fused T5 marked as a Q&A model, with a tokenizer trained on Python's docs."""
    from core.qa.pydocs import python_doc_texts
    from training.scratch import new_fused_t5, train_tokenizer

    torch.manual_seed(0)
    texts = [text for _, text in zip(range(3000), python_doc_texts(), strict=False)]
    tokenizer = train_tokenizer(texts, vocab_size=8000)
    model = new_fused_t5(tokenizer, **FLAN_T5_SMALL_SHAPE)
    model.resize_token_embeddings(32128)
    model.config.vocab_size = 32128
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    config = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**config, "filescribe_tasks": ["qa"]}))
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache-dir", type=Path, help="index cache to use (default: a fresh temporary one)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the index in --cache-dir and time it")
    parser.add_argument("--generate", type=int, default=10, help="questions answered by the generating model")
    parser.add_argument("--max-answer-tokens", type=int, default=128)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="torch threads (default: cores)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(f"torch threads: {args.threads}; load average before: {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache_dir or Path(tmp) / "cache"
        encoder = LexicalEncoder(cache_size=0)
        start = time.perf_counter()
        opened = open_index(encoder, cache_dir=cache, rebuild=args.rebuild)
        seconds = time.perf_counter() - start
        index = opened.index
        size_mb = (cache / INDEX_FILENAME).stat().st_size / 1e6
        what = "built" if opened.built else "loaded from cache"
        print(f"index {what} in {seconds:.1f} s: {len(index)} passages, {len(index.units)} units, "
              f"{size_mb:.1f} MB on disk, peak RSS {peak_rss_mb():.0f} MB", flush=True)
        start = time.perf_counter()
        type(index).load(cache / INDEX_FILENAME)
        print(f"index load from cache: {time.perf_counter() - start:.2f} s", flush=True)

        questions = SEED_QUESTIONS + MORE_QUESTIONS
        vectors = {q: encoder.encode([q])[0] for q in questions}
        p50, p95 = latency_ms(lambda q: index.search(vectors[q], 5), questions)
        print(f"search only (top 5 of {len(index.units)} unit vectors): p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        p50, p95 = latency_ms(lambda q: index.search(encoder.encode([q])[0], 5), questions)
        print(f"retrieval (encode question + search): p50 {p50:.1f} ms, p95 {p95:.1f} ms", flush=True)

        extractive = QAEngine(index, encoder)
        p50, p95 = latency_ms(lambda q: extractive.ask(q), questions)
        print(f"answer, extractive: p50 {p50:.1f} ms, p95 {p95:.1f} ms", flush=True)

        if args.generate:
            model_dir = build_generator(Path(tmp) / "flan-t5-small-shape")
            options = QAOptions(str(model_dir), device="cpu", precision="float32", cache_dir=cache,
                                max_answer_tokens=args.max_answer_tokens)
            generative = QAEngine.open(options, encoder=encoder)
            p50, p95 = latency_ms(lambda q: generative.ask(q), questions[: args.generate])
            print(f"answer, generated ({args.max_answer_tokens} new tokens, flan-t5-small shape, fp32): "
                  f"p50 {p50 / 1000:.2f} s, p95 {p95 / 1000:.2f} s; peak RSS {peak_rss_mb():.0f} MB")
        print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
