"""`filescribe describe`: one description per file (or per filename read from a list)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from core.describe.memory_cli import add_memory_options

NEEDS_MODEL = True


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `describe` sub-command."""
    parser = subparsers.add_parser("describe", help="print a description of each file")
    parser.add_argument("paths", nargs="*", type=Path, help="folders (listed one level deep) or files")
    parser.add_argument("-r", "--recursive", action="store_true", help="list folders recursively")
    parser.add_argument("--hidden", action="store_true", help="include hidden files")
    parser.add_argument("--names-from", metavar="FILE",
                        help="describe the filenames listed one per line in FILE ('-' for stdin)")
    parser.add_argument("--format", choices=("text", "jsonl", "csv"), default="text",
                        help="csv: columns path, filename, description, state (as File > Export… writes)")
    add_memory_options(parser)
    return parser


def read_names(source: str) -> Iterator[str]:
    """Non-empty lines of a file (or stdin for '-'), without touching the files they name."""
    if source == "-":
        yield from non_empty_lines(sys.stdin)
        return
    with open(source, encoding="utf-8", errors="replace") as handle:
        yield from non_empty_lines(handle)


def non_empty_lines(handle: TextIO) -> Iterator[str]:
    """Lines of `handle` without their line ending, blank ones skipped."""
    for line in handle:
        name = line.rstrip("\r\n")
        if name.strip():
            yield name


def collect_items(args: argparse.Namespace) -> list:
    """The items to describe, from --names-from and from the given paths."""
    from core.describe.annotator import Item
    from core.errors import FileScribeError
    from core.files.scanner import display_name, scan

    try:
        items = [Item(None, name) for name in read_names(args.names_from)] if args.names_from else []
        for path in args.paths:
            if path.is_dir():
                items.extend(Item(e.path, e.name) for e in scan(path, args.recursive, args.hidden))
            elif path.exists() or path.is_symlink():
                items.append(Item(str(path), display_name(path.name)))
            else:
                raise FileScribeError(f"{display_name(str(path))}: no such file or folder")
    except OSError as exc:  # an unreadable folder or --names-from file
        where = display_name(os.fsdecode(exc.filename)) if exc.filename is not None else "input"
        raise FileScribeError(f"{where}: {exc.strerror or exc}") from exc
    return items


def shown_path(item) -> str:
    """How an item is named in text output."""
    from core.files.scanner import display_name

    return item.filename if item.path is None else display_name(item.path)


def run(args: argparse.Namespace) -> int:
    """Describe the requested files and print one line per file."""
    from tqdm import tqdm

    from core.describe.annotator import Annotator
    from core.describe.engine import DescriptionEngine
    from core.describe.memory import default_memory
    from core.errors import FileScribeError
    from core.store import Store

    if not args.paths and not args.names_from:
        raise FileScribeError("give folders or files to describe, or --names-from FILE")
    items = collect_items(args)
    store = Store.open(args.data_dir)
    engine = DescriptionEngine(args.model, device=args.device, precision=args.precision,
                               allow_download=args.allow_download, allow_pickle=args.allow_pickle,
                               batch_size=args.batch_size, vectors=store)
    if not args.quiet:
        notice = f" ({engine.resolved.notice})" if engine.resolved.notice else ""
        print(f"model: {engine.resolved.name} on {engine.device.type}{notice}", file=sys.stderr)
    annotator = Annotator(engine, store)
    if not args.no_memory:
        engine.memory = default_memory(engine.lexical, store, args.memory)
    found = annotator.lookup(items)
    to_generate = len({item.filename for item, a in zip(items, found, strict=True) if a is None})
    with tqdm(total=to_generate, desc="describing", unit="file", file=sys.stderr,
              disable=args.quiet or not to_generate) as bar:
        annotations = annotator.complete(items, found, bar.update)
    if args.format == "csv":
        from core.describe.export import DescribedFile, csv_lines

        sys.stdout.writelines(csv_lines(DescribedFile(a.item.path, a.item.filename, a.description, a.source)
                                        for a in annotations))
    elif args.format == "jsonl":
        for a in annotations:
            record = {"path": None if a.item.path is None else shown_path(a.item), "filename": a.item.filename,
                      "description": a.description, "source": a.source, "model": engine.resolved.name}
            print(json.dumps(record, ensure_ascii=False))
    else:
        from core.files.scanner import printable

        lines = [(printable(shown_path(a.item)), printable(a.description)) for a in annotations]
        width = min(40, max((len(name) for name, _ in lines), default=0))
        for name, description in lines:
            print(f"{name:<{width}}  {description}")
    return 0

