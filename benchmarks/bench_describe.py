"""Describe throughput: the engine (batched, sorted, dynamic padding) vs the seed's one-at-a-time way.

Run: .venv/bin/python benchmarks/bench_describe.py [--files 1000] [--seed-files 100]
Uses a flan-t5-small-shaped fused T5 with random weights (speed only) and the packaged MiniLM.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402

from benchmarks.filenames import STEMS, synthetic_filenames  # noqa: E402
from core.describe.engine import DescriptionEngine  # noqa: E402
from core.describe.prompts import build_prompt  # noqa: E402
from training.scratch import new_fused_t5, train_tokenizer  # noqa: E402

FLAN_T5_SMALL_SHAPE = dict(d_model=512, num_layers=8, num_heads=6, d_kv=64, d_ff=1024)


def build_model(folder: Path) -> None:
    """A random flan-t5-small-shaped fused T5 (vocab 32128) with a filename tokenizer."""
    torch.manual_seed(0)
    tokenizer = train_tokenizer([f"{s} {build_prompt(s)}" for s in STEMS * 20], vocab_size=2000)
    model = new_fused_t5(tokenizer, **FLAN_T5_SMALL_SHAPE)
    model.resize_token_embeddings(32128)
    model.config.vocab_size = 32128
    with torch.no_grad():
        model.lexical_proj.weight.normal_(std=0.02)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)


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


def timed(label: str, function, count: int) -> tuple[list[str], float]:
    """Run `function`, print files/s, return its outputs and throughput."""
    start = time.perf_counter()
    outputs = function()
    rate = count / (time.perf_counter() - start)
    print(f"{label:<34} {rate:8.1f} files/s   peak RSS {peak_rss_mb():7.0f} MB", flush=True)
    return outputs, rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed-files", type=int, default=100, help="files run the seed's (slow) way")
    args = parser.parse_args()
    torch.set_num_threads(os.cpu_count() or 1)
    names = synthetic_filenames(args.files)
    with tempfile.TemporaryDirectory() as tmp:
        build_model(Path(tmp))
        engine = DescriptionEngine(tmp, device="cpu", precision="float32", batch_size=32)
        engine.describe(names[:8])  # warm-up
        engine.lexical._cache.clear()
        ours, ours_rate = timed(f"engine fp32, {len(names)} files", lambda: engine.describe(names), len(names))
        subset = names[: args.seed_files]
        seed_out, seed_rate = timed(f"seed's way, {len(subset)} files", lambda: seed_way(engine, subset), len(subset))
        same = sum(a == b for a, b in zip(ours[: len(subset)], seed_out, strict=True))
        bf16 = DescriptionEngine(tmp, device="cpu", precision="bfloat16", batch_size=32, lexical=engine.lexical)
        bf16.describe(names[:8])
        bf16_out, bf16_rate = timed(f"engine bf16, {len(names)} files", lambda: bf16.describe(names), len(names))
        differ = sum(a != b for a, b in zip(ours, bf16_out, strict=True))
    print(f"speed-up fp32 vs seed: {ours_rate / seed_rate:.1f}x; identical greedy outputs: {same}/{len(subset)}")
    print(f"bf16 vs fp32: {bf16_rate / ours_rate:.2f}x; outputs differing from fp32: {differ}/{len(names)}")


if __name__ == "__main__":
    main()
