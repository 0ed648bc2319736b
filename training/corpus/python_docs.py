"""Python's own documentation as names and descriptions: module docstrings, and public functions and classes.

Names of functions and classes carry their meaning in words ("parse_args", "HTTPServer", "read_csv"), which
is what the model must learn to read. Files are parsed with `ast`, never imported; only top-level public
definitions with a usable docstring count. Half of them are named as a module of their own
(`parse_args.py`, `http_server.py`), half as a bare name, as programs in a bin folder are.
"""
from __future__ import annotations

import ast
import random
import re
from collections.abc import Iterable
from pathlib import Path

from training.corpus.casing import sentence_case
from training.corpus.cleaning import docstring_summary, lower_initial
from training.corpus.records import Record

MAX_PYTHON_FILE_BYTES = 1 << 20
PYTHON_READ_BYTES = 64 * 1024
HARVEST_SKIP_DIRS = frozenset(
    {"site-packages", "dist-packages", "_vendor", "vendor", "vendored", "_vendored", "third_party", "extern", "_extern"}
)
MEANINGLESS_MODULES = frozenset({"__init__.py", "__main__.py"})


def python_records(roots: Iterable[Path]) -> list[Record]:
    """The first sentence of each module docstring under `roots`, read with `ast` and never imported.

    A root named site-packages or dist-packages gives source "python-site-packages", any other "python-stdlib".
    """
    from core.qa.pydocs import iter_python_files, parse_python_file

    records = []
    for root in roots:
        source = "python-site-packages" if root.name in ("site-packages", "dist-packages") else "python-stdlib"
        for path in iter_python_files(root, HARVEST_SKIP_DIRS):
            if path.name in MEANINGLESS_MODULES or not _small_file(path):
                continue
            tree = parse_python_file(path, PYTHON_READ_BYTES)
            summary = docstring_summary(ast.get_docstring(tree) or "", path.stem) if tree else None
            if summary:
                group = path.relative_to(root).parts[0].removesuffix(".py")
                records.append(Record(path.name, lower_initial(summary, keep=(group,)), source, group))
    return records


def _small_file(path: Path) -> bool:
    """Whether `path` is a readable file of at most MAX_PYTHON_FILE_BYTES."""
    try:
        return path.stat().st_size <= MAX_PYTHON_FILE_BYTES
    except OSError:
        return False


API_SOURCE = "python-api"
DEFAULT_MAX_PER_PACKAGE = 150
DEFAULT_TOTAL = 6000
MIN_NAME_CHARS = 4
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def snake_case(name: str) -> str:
    """`HTTPServer` -> `http_server`."""
    return _CAMEL.sub("_", name).lower()


def definitions(tree: ast.Module) -> Iterable[tuple[str, bool, str]]:
    """(name, is_class, docstring) of the module's top-level public functions and classes."""
    for node in tree.body:
        if isinstance(node, _DEFINITIONS) and not node.name.startswith("_") and len(node.name) >= MIN_NAME_CHARS:
            doc = ast.get_docstring(node)
            if doc:
                yield node.name, isinstance(node, ast.ClassDef), doc


def api_records(roots: Iterable[Path], seed: int, max_per_package: int = DEFAULT_MAX_PER_PACKAGE,
                total: int = DEFAULT_TOTAL) -> list[Record]:
    """One record per distinct public name (first found wins), at most `max_per_package` per package and `total`."""
    from core.qa.pydocs import iter_python_files, parse_python_file

    rng = random.Random(f"{seed}:python-api")
    by_package: dict[str, list[tuple[str, bool, str]]] = {}
    seen: set[str] = set()
    for root in roots:
        for path in iter_python_files(root, HARVEST_SKIP_DIRS):
            if not _small_file(path):
                continue
            tree = parse_python_file(path, PYTHON_READ_BYTES)
            package = path.relative_to(root).parts[0].removesuffix(".py")
            for name, is_class, doc in definitions(tree) if tree else ():
                summary = docstring_summary(doc, name)
                if summary and name.lower() not in seen:
                    seen.add(name.lower())
                    by_package.setdefault(package, []).append((name, is_class, summary))
    chosen = []
    for package, found in sorted(by_package.items()):
        kept = found if len(found) <= max_per_package else rng.sample(found, max_per_package)
        chosen += [(package, *item) for item in kept]
    chosen = chosen if len(chosen) <= total else rng.sample(chosen, total)
    case = sentence_case([summary for *_, summary in chosen])
    records = []
    for package, name, is_class, summary in sorted(chosen):
        summary = case(summary)
        as_module = rng.random() < 0.5
        filename = f"{snake_case(name) if is_class else name}.py" if as_module else name
        records.append(Record(filename, summary, API_SOURCE, f"python:{package}"))
    return records
