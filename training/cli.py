"""Command line of the training package: each command module adds its own sub-parser."""
from __future__ import annotations

import argparse
import importlib
import sys
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
    """Entry point of `python -m training COMMAND ...` (and of `filescribe COMMAND ...`)."""
    from core.errors import FileScribeError

    args = build_parser(prog).parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except FileScribeError as exc:
        print(f"{prog.split()[0]}: error: {exc}", file=sys.stderr)
        return 2
