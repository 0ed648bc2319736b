"""Documentation shipped with the running Python: pydoc topics and stdlib docstrings, read without importing code."""
from __future__ import annotations

import ast
import codecs
import io
import os
import re
import sysconfig
import tokenize
from collections.abc import Iterable, Iterator
from pathlib import Path

# Always skipped by `iter_python_files`, as are `test_*` files and dirs and `conftest.py`.
TEST_DIRS = frozenset({"test", "tests", "testing", "idle_test", "__pycache__"})
PYDOCS_SKIP_DIRS = frozenset({"site-packages", "dist-packages", "idlelib", "turtledemo"})
# A line at column 0 that starts a definition: a safe place to cut a truncated file.
_TOP_LEVEL_DEF = re.compile(r"^(?:def |async def |class |@)", re.MULTILINE)
_DEF_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def iter_python_files(root: Path, skip_dirs: Iterable[str] = ()) -> Iterator[Path]:
    """Yield the .py files under `root` in sorted order, skipping tests, hidden dirs and `skip_dirs`."""
    skip = TEST_DIRS.union(skip_dirs)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in skip and not d.startswith((".", "test_")))
        for name in sorted(filenames):
            if name.endswith(".py") and not name.startswith("test_") and name != "conftest.py":
                yield Path(dirpath, name)


def parse_python_file(path: Path, max_bytes: int | None = None) -> ast.Module | None:
    """Parse `path` (only its first `max_bytes` if given) with `ast`, never running it; None if unreadable or invalid.

    A truncated file is cut before its last top-level definition so that what remains can still parse.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read(-1 if max_bytes is None else max_bytes + 1)
        truncated = max_bytes is not None and len(data) > max_bytes
        text = _decode(data[:max_bytes] if truncated else data, final=not truncated)
        if truncated:
            cuts = [match.start() for match in _TOP_LEVEL_DEF.finditer(text)]
            text = text[: cuts[-1]] if cuts else text
        return ast.parse(text)
    except (OSError, SyntaxError, ValueError, UnicodeDecodeError, RecursionError, MemoryError):
        return None


def _decode(data: bytes, final: bool) -> str:
    """Decode Python source bytes with their declared encoding (PEP 263); a cut multibyte tail is dropped."""
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return codecs.getincrementaldecoder(encoding)().decode(data, final)


def docstrings(tree: ast.Module) -> Iterator[tuple[str, str]]:
    """Yield (qualname, docstring) of the module ("" as qualname) and of its classes and functions, in source order."""
    module_doc = ast.get_docstring(tree)
    if module_doc:
        yield "", module_doc
    yield from _definition_docstrings(tree.body, "")


def _definition_docstrings(body: list[ast.stmt], prefix: str) -> Iterator[tuple[str, str]]:
    """Yield (qualname, docstring) for the definitions in `body`, recursing into class and function bodies."""
    for node in body:
        if isinstance(node, _DEF_NODES):
            qualname = f"{prefix}{node.name}"
            doc = ast.get_docstring(node)
            if doc:
                yield qualname, doc
            yield from _definition_docstrings(node.body, f"{qualname}.")


def module_name(path: Path, root: Path) -> str:
    """Dotted module name of `path` relative to `root` ("json/__init__.py" -> "json")."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def python_doc_texts(stdlib_dir: Path | None = None) -> Iterator[tuple[str, str]]:
    """Yield (source_id, text): pydoc topics by name, then stdlib module/class/function docstrings by file path."""
    from pydoc_data.topics import topics

    for name in sorted(topics):
        yield f"pydoc:topic:{name}", topics[name]
    root = Path(stdlib_dir or sysconfig.get_paths()["stdlib"])
    for path in iter_python_files(root, PYDOCS_SKIP_DIRS):
        tree = parse_python_file(path)
        if tree is None:
            continue
        module = module_name(path, root)
        for qualname, doc in docstrings(tree):
            yield f"stdlib:{module}{'.' if qualname else ''}{qualname}", doc
