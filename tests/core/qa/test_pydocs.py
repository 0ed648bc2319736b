"""Tests of core.qa.pydocs: pydoc topics and stdlib docstrings, read without importing."""
from __future__ import annotations

import itertools
from pathlib import Path

from core.qa.pydocs import docstrings, parse_python_file, python_doc_texts


def write(path: Path, text: str) -> None:
    """Write `text` to `path`, creating parent dirs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_real_interpreter_docs_are_yielded_deterministically() -> None:
    first = list(itertools.islice(python_doc_texts(), 400))
    assert first == list(itertools.islice(python_doc_texts(), 400))
    ids = [source_id for source_id, _ in first]
    topics = [i for i in ids if i.startswith("pydoc:topic:")]
    assert "pydoc:topic:assert" in topics and topics == sorted(topics)
    assert ids[: len(topics)] == topics and any(i.startswith("stdlib:") for i in ids)
    assert all(text.strip() for _, text in first)


def test_stdlib_docstrings_with_qualnames_and_skips(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    write(tmp_path / "json" / "__init__.py", '"""JSON encoder and decoder."""\n')
    write(tmp_path / "json" / "decoder.py", '"""Implementation of JSONDecoder."""\n'
          'class JSONDecoder:\n    """Simple JSON decoder."""\n    def decode(self, s):\n        """Decode s."""\n'
          f'open({str(marker)!r}, "w")\n')
    write(tmp_path / "broken.py", '"""Broken."""\ndef f(:\n')
    for skipped in ("test/test_json.py", "idlelib/editor.py", "turtledemo/clock.py", "lib2to3/tests/data.py",
                    "site-packages/pkg/mod.py", "test_x.py"):
        write(tmp_path / skipped, '"""Never yielded."""\n')
    stdlib = [(i, t) for i, t in python_doc_texts(tmp_path) if i.startswith("stdlib:")]
    assert stdlib == [
        ("stdlib:json", "JSON encoder and decoder."),
        ("stdlib:json.decoder", "Implementation of JSONDecoder."),
        ("stdlib:json.decoder.JSONDecoder", "Simple JSON decoder."),
        ("stdlib:json.decoder.JSONDecoder.decode", "Decode s."),
    ]
    assert not marker.exists()


def test_parse_python_file_tolerates_bad_input(tmp_path: Path) -> None:
    write(tmp_path / "latin.py", "")
    (tmp_path / "latin.py").write_bytes(b'"""Caf\xe9."""\n')  # not UTF-8 and no coding cookie
    assert parse_python_file(tmp_path / "latin.py") is None
    assert parse_python_file(tmp_path / "missing.py") is None
    write(tmp_path / "ok.py", '"""Module."""\nasync def f():\n    """Async."""\n')
    tree = parse_python_file(tmp_path / "ok.py")
    assert tree is not None and list(docstrings(tree)) == [("", "Module."), ("f", "Async.")]
