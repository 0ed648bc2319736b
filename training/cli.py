"""Command line of the training package: each command module adds its own sub-parser."""
from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence

# Each module defines `add_parser(subparsers) -> argparse.ArgumentParser` and `run(args) -> int`.
COMMAND_MODULES = (
    "training.harvest",
)


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register every training command on `subparsers`, the handler stored as `args.handler`."""
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        parser = module.add_parser(subparsers)
        parser.set_defaults(handler=module.run)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python -m training COMMAND ...`."""
    parser = argparse.ArgumentParser(prog="python -m training")
    add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.handler(args) or 0)
