"""Docstrings of the built-ins compiled into the interpreter."""
from __future__ import annotations

from core.qa.builtin_docs import builtin_doc_texts


def test_builtin_functions_types_methods_and_modules_are_documented() -> None:
    docs = dict(builtin_doc_texts())
    assert docs["builtin:list.remove"].startswith("Remove first occurrence of value.")
    assert docs["builtin:len"].startswith("Return the number of items in a container.")
    assert "builtin:time.sleep" in docs and "builtin:sys" in docs
    assert not any(name.split(".")[-1].startswith("_") for name in docs)
    assert all(text == text.strip() for text in docs.values())
