"""`filescribe corrections export|import`: the user's corrections as JSONL in the seed's format."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

NEEDS_MODEL = False


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `corrections` sub-command."""
    parser = subparsers.add_parser("corrections", help="export or import corrections (JSONL)")
    parser.add_argument("action", choices=("export", "import"))
    parser.add_argument("file", type=Path, help="JSONL file with id, filename, file_desc")
    parser.add_argument("--strict", action="store_true", help="import: stop at the first malformed line")
    return parser


def run(args: argparse.Namespace) -> int:
    """Export all corrections to, or import examples from, a JSONL file."""
    from core.store import Store

    store = Store.open(args.data_dir)
    if args.action == "export":
        count = store.export_corrections(args.file)
        if not args.quiet:
            print(f"exported {count} corrections to {args.file}", file=sys.stderr)
        return 0
    report = store.import_corrections(args.file, strict=args.strict)
    for problem in report.problems:
        print(f"skipped {problem}", file=sys.stderr)
    if not args.quiet:
        print(f"imported {report.kept} corrections from {args.file}", file=sys.stderr)
    return 0
