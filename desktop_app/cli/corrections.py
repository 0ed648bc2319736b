"""`filescribe corrections export|import|delete`: the user's corrections as JSONL in the seed's format, and
forgetting some or all of them."""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.store import Correction, Store

NEEDS_MODEL = False


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `corrections` sub-command."""
    parser = subparsers.add_parser(
        "corrections", help="export, import or delete corrections",
        description="export FILE / import FILE: corrections as JSONL (id, filename, file_desc). "
                    "delete PATH... (paths before the options): forget the corrections of these files; "
                    "--name FILENAME: the imported ones "
                    "(without a path) of that name; --all --yes: every correction.")
    parser.add_argument("action", choices=("export", "import", "delete"))
    parser.add_argument("targets", nargs="*", metavar="FILE_OR_PATH",
                        help="export/import: the JSONL file; delete: the files whose corrections go")
    parser.add_argument("--strict", action="store_true", help="import: stop at the first malformed line")
    parser.add_argument("--name", action="append", default=[], metavar="FILENAME",
                        help="delete: the imported corrections of this filename (repeatable)")
    parser.add_argument("--all", action="store_true", help="delete: every correction (needs --yes)")
    parser.add_argument("--yes", action="store_true", help="delete --all: yes, delete them all")
    parser.set_defaults(usage_error=parser.error)  # run() reports misused options as argparse does (exit 2)
    return parser


def run(args: argparse.Namespace) -> int:
    """Export all corrections to, or import examples from, a JSONL file; or delete corrections."""
    from core.store import Store

    check_usage(args)
    store = Store.open(args.data_dir)
    if args.action == "delete":
        return delete(store, args)
    file = Path(args.targets[0])
    if args.action == "export":
        count = store.export_corrections(file)
        if not args.quiet:
            print(f"exported {count} corrections to {file}", file=sys.stderr)
        return 0
    report = store.import_corrections(file, strict=args.strict)
    for problem in report.problems:
        print(f"skipped {problem}", file=sys.stderr)
    if not args.quiet:
        print(f"imported {report.kept} corrections from {file}", file=sys.stderr)
    return 0


def check_usage(args: argparse.Namespace) -> None:
    """Options that do not fit the action are a usage error (argparse's message, exit status 2)."""
    deleting = args.action == "delete"
    if not deleting and (len(args.targets) != 1 or args.name or args.all or args.yes):
        args.usage_error(f"{args.action} takes one JSONL file and no --name, --all or --yes")
    if deleting and args.all and (args.targets or args.name):
        args.usage_error("delete --all takes no paths and no --name")
    if deleting and args.all and not args.yes:
        args.usage_error("delete --all forgets every correction you wrote: add --yes to confirm")
    if deleting and not (args.all or args.targets or args.name):
        args.usage_error("delete needs the paths of files, --name FILENAME or --all --yes")


def chosen_corrections(corrections: Sequence[Correction], paths: Sequence[str], names: Sequence[str],
                       everything: bool) -> tuple[list[Correction], list[str]]:
    """The corrections to delete, and the paths and names that match none (imported ones match by name only)."""
    if everything:
        return list(corrections), []
    by_path = {c.path: c for c in corrections if c.path is not None}
    wanted_paths = [os.path.abspath(p) for p in paths]
    chosen = [by_path[p] for p in dict.fromkeys(wanted_paths) if p in by_path]
    imported = [c for c in corrections if c.path is None and c.filename in set(names)]
    found_names = {c.filename for c in imported}
    missing = [p for p, full in zip(paths, wanted_paths, strict=True) if full not in by_path]
    missing += [f"--name {n}" for n in names if n not in found_names]
    return chosen + imported, missing


def delete(store: Store, args: argparse.Namespace) -> int:
    """Delete the chosen corrections; nothing is deleted when any path or name matches none."""
    from core.errors import FileScribeError
    from core.files.scanner import display_name, printable

    chosen, missing = chosen_corrections(store.corrections(), args.targets, args.name, args.all)
    if missing:
        shown = ", ".join(printable(display_name(m)) for m in missing)
        raise FileScribeError(f"no correction of {shown}; nothing was deleted")
    count = store.delete_corrections(c.id for c in chosen)
    if not args.quiet:
        print(f"deleted {count} correction{'s' if count != 1 else ''}", file=sys.stderr)
    return 0
