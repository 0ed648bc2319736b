"""The example memory's command-line options, shared by `describe` and `evaluate` (imports nothing heavy)."""
from __future__ import annotations

import argparse
from pathlib import Path


def add_memory_options(parser: argparse.ArgumentParser) -> None:
    """--memory FILE (repeatable) and --no-memory, shared by the commands that describe."""
    parser.add_argument("--memory", type=Path, action="append", default=[], metavar="FILE.jsonl",
                        help="add these examples (filename, file_desc) to the memory for this run")
    parser.add_argument("--no-memory", action="store_true",
                        help="no similar examples in the model input (by default: your corrections and "
                             "the starter corpus)")
