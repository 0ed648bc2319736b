"""`filescribe gui [FOLDER]`: the desktop app (also what `filescribe` alone or `filescribe FOLDER` starts).

Nothing here imports Qt: the headless commands share the parser and must stay light.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from desktop_app.cli.qt_libraries import desktop_libraries_problem

NEEDS_MODEL = False


def window_size(text: str) -> tuple[int, int]:
    """WIDTHxHEIGHT, e.g. 1180x720."""
    match = re.fullmatch(r"(\d{3,5})x(\d{3,5})", text.strip())
    if match is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT (e.g. 1180x720)")
    return int(match[1]), int(match[2])


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `gui` sub-command."""
    parser = subparsers.add_parser("gui", help="open the desktop app (the default command)")
    parser.add_argument("folder", nargs="?", type=Path, help="folder to open (default: the last one opened)")
    parser.add_argument("--model", metavar="SPEC", help="model for this session (default: the one in Settings)")
    parser.add_argument("--device", help="device for this session: auto, cpu, cuda or mps")
    parser.add_argument("--no-memory", action="store_true",
                        help="this session: no similar examples in the model input (see Settings)")
    parser.add_argument("--screenshot", type=Path, metavar="PNG",
                        help="render the window offscreen once every file is described, save it and exit")
    parser.add_argument("--timeout", type=float, default=600.0, metavar="SECONDS",
                        help="--screenshot: give up waiting after this long (the picture is still saved)")
    parser.add_argument("--size", type=window_size, metavar="WxH", help="window size, e.g. 1180x720")
    return parser


def run(args: argparse.Namespace) -> int:
    """Start the desktop app; exit status 1, with the packages to install, when Qt's X11 libraries are missing."""
    if args.screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    problem = desktop_libraries_problem(os.environ)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    from desktop_app.gui.app import run_app

    return run_app(args)
