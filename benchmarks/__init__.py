"""Benchmarks, run as modules from the repository root: `python -m benchmarks.bench_x [--smoke]` (README.md).

They run offline and offscreen: set here, before any of them imports huggingface_hub or Qt.
"""
import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
