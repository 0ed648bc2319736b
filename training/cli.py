"""Command line of the training package: each command module adds its own sub-parser."""
from __future__ import annotations

import argparse
import importlib
import os
from collections.abc import Sequence

# Command name -> module defining `add_parser(subparsers) -> ArgumentParser` and `run(args) -> int`.
# Modules import only the standard library at top level, so building the parser stays fast.
COMMANDS = {
    "harvest": "training.corpus.harvest",
    "starter": "training.commands.starter",
    "train": "training.commands.train",
    "evaluate": "training.commands.evaluate",
    "embeddings": "training.commands.embeddings",
    "qa": "training.commands.qa_prepare",
}


def build_parser(prog: str = "python -m training") -> argparse.ArgumentParser:
    """Parser with one sub-command per training command, the handler stored as `args.handler`."""
    parser = argparse.ArgumentParser(prog=prog)
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module_name in COMMANDS.values():
        module = importlib.import_module(module_name)
        module.add_parser(subparsers).set_defaults(handler=module.run)
    return parser


def main(argv: Sequence[str] | None = None, prog: str = "python -m training") -> int:
    """Entry point of `python -m training COMMAND ...` (and of `filescribe COMMAND ...`); returns the exit status:
    0, 1 for a runtime error, 130 after Ctrl-C (usage errors exit 2 from argparse)."""
    from core.logs import run_command, set_up_logging

    args = build_parser(prog).parse_args(argv)
    rank = int(os.environ.get("RANK", "0"))  # one log file per process of a torchrun
    set_up_logging("training" if rank == 0 else f"training-rank{rank}")
    return run_command(prog.split()[0], lambda: args.handler(args))
