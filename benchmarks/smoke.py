"""`--smoke`, shared by the benchmarks: a size that runs in seconds, so that the tests can run every benchmark
(tests/benchmarks/test_smoke.py). Its figures mean nothing; it shows that the benchmark still runs end to end.
"""
from __future__ import annotations

import argparse
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

SMOKE_HELP = "a tiny size that runs in seconds (what the tests run; the figures mean nothing)"


def parse_args(parser: argparse.ArgumentParser, smoke: dict[str, Any],
               argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse with --smoke added; under --smoke the `smoke` values replace the defaults (explicit options win)."""
    parser.add_argument("--smoke", action="store_true", help=SMOKE_HELP)
    args = parser.parse_args(argv)
    if args.smoke:
        parser.set_defaults(**smoke)
        args = parser.parse_args(argv)
    return args


def output_folder(args: argparse.Namespace, default: Path) -> Path:
    """--out if given, else a new temporary folder under --smoke (never the repository), else `default`; created."""
    if args.out is not None:
        folder = args.out
    elif args.smoke:
        folder = Path(tempfile.mkdtemp(prefix="filescribe-smoke-"))
    else:
        folder = default
    folder.mkdir(parents=True, exist_ok=True)
    return folder
