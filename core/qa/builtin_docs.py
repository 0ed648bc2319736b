"""Docstrings of what is compiled into the interpreter: built-in functions and types (`list.remove`, `len`) and
the public built-in modules (`sys`, `time`, `itertools`...), which have no .py file for `ast` to read.

They come from objects already in memory: built-in modules are part of the interpreter binary, so importing
them reads no file and runs no Python code.
"""
from __future__ import annotations

import importlib
import inspect
import sys
from collections.abc import Iterator
from types import ModuleType

# The OS module compiled in is re-exported by `os`, which is how users know its functions.
MODULE_ALIASES = {"posix": "os", "nt": "os"}


def builtin_doc_texts() -> Iterator[tuple[str, str]]:
    """Yield (source_id, docstring): `builtin:len`, `builtin:list.remove`, `builtin:time.sleep`..."""
    for module_name in sorted(sys.builtin_module_names):
        if module_name.startswith("_"):
            continue
        module = importlib.import_module(module_name)
        prefix = "" if module_name == "builtins" else f"{MODULE_ALIASES.get(module_name, module_name)}."
        if prefix and isinstance(module.__doc__, str):
            yield f"builtin:{prefix.rstrip('.')}", inspect.cleandoc(module.__doc__)
        yield from _member_docs(module, prefix)


def _member_docs(module: ModuleType, prefix: str) -> Iterator[tuple[str, str]]:
    """Docstrings of a module's public functions and classes, and of the public methods of its own classes."""
    for name, member in sorted(vars(module).items()):
        if name.startswith("_") or not (inspect.isroutine(member) or inspect.isclass(member)):
            continue
        if isinstance(member.__doc__, str):
            yield f"builtin:{prefix}{name}", inspect.cleandoc(member.__doc__)
        if inspect.isclass(member) and member.__module__ == module.__name__:
            for method, value in sorted(vars(member).items()):
                if not method.startswith("_") and isinstance(getattr(value, "__doc__", None), str):
                    yield f"builtin:{prefix}{name}.{method}", inspect.cleandoc(value.__doc__)
