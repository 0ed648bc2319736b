"""The `filescribe` command: the GUI by default, headless sub-commands for everything else."""
from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from training.cli import COMMANDS as TRAINING_COMMANDS

PROG = "filescribe"


def add_model_options(parser: argparse.ArgumentParser) -> None:
    """Options that choose and load the description model."""
    from core.device import DEVICE_CHOICES, PRECISION_CHOICES

    parser.add_argument("--model", default="auto", metavar="SPEC",
                        help="model: auto (default), starter, a model folder or a Hugging Face id")
    parser.add_argument("--device", default="auto", choices=DEVICE_CHOICES)
    parser.add_argument("--precision", default="auto", choices=PRECISION_CHOICES,
                        help="auto: bfloat16 on CUDA, float32 elsewhere")
    parser.add_argument("--allow-download", action="store_true", help="fetch a missing hub model (needs network)")
    parser.add_argument("--allow-pickle", action="store_true",
                        help="load pickle weights (pytorch_model.bin); only for models you trust")
    parser.add_argument("--batch-size", type=int, default=32)


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """Options every sub-command has."""
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="folder of the description store (default: FILESCRIBE_DATA_DIR or the user data dir)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress output on stderr")


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser; training commands are listed here and parsed by training.cli."""
    from desktop_app.cli import ask, corrections, describe, desktop_entry, gui

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Describe files from their names with a local model.",
        epilog="training commands: " + ", ".join(TRAINING_COMMANDS) + f" (see `{PROG} COMMAND --help`)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {app_version()}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (gui, describe, corrections, ask, desktop_entry):
        sub = module.add_parser(subparsers)
        add_common_options(sub)
        if module.NEEDS_MODEL:
            add_model_options(sub)
        sub.set_defaults(handler=module.run)
    return parser


def app_version() -> str:
    """The installed distribution's version, else the source tree's."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(PROG)
    except PackageNotFoundError:
        from desktop_app import __version__

        return __version__


def is_folder_argument(parser: argparse.ArgumentParser, argument: str) -> bool:
    """True for `filescribe FOLDER`: an existing folder that is not a command name."""
    commands = next(a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return argument not in commands and Path(argument).expanduser().is_dir()


def main(argv: Sequence[str] | None = None) -> int:
    """Run `filescribe` with `argv` (default: the process arguments); returns the exit status: 0, 1 for a
    runtime error, 130 after Ctrl-C (usage errors exit 2 from argparse)."""
    from core.logs import run_command, set_up_logging
    from training import cli as training_cli

    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in TRAINING_COMMANDS:
        return training_cli.main(args_list, prog=PROG)
    parser = build_parser()
    if not args_list or is_folder_argument(parser, args_list[0]):  # `filescribe` or `filescribe FOLDER`
        args_list = ["gui", *args_list]
    args = parser.parse_args(args_list)
    set_up_logging("gui" if args.command == "gui" else "cli")
    logging.getLogger(__name__).info("%s %s: %s", PROG, app_version(), args.command)  # where a session starts
    return run_command(PROG, lambda: args.handler(args))
