"""Shipped memory vectors: used when they match the examples and the encoder, ignored (and encoded afresh) otherwise."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from core.describe.examples import Example, load_examples
from core.describe.memory import NOT_FILES, STARTER_MEMORY_ENV, default_memory
from core.describe.memory_vectors import shipped_vectors, vectors_path, write_vectors
from core.describe.prompts import clean_filename
from resources import resource_path

EXAMPLES = [Example("Tax_Return_2023.pdf", "a tax return for 2023"), Example(".bashrc", "bash settings"),
            Example("IMG_20240101_120000.jpg", "a photo taken on 1 January 2024")]


@pytest.fixture()
def memory_file(tmp_path: Path) -> Path:
    """A small examples file in the JSONL format of the starter's memory."""
    path = tmp_path / "train.jsonl"
    path.write_text("".join(json.dumps({"id": i, "filename": e.filename, "file_desc": e.description}) + "\n"
                            for i, e in enumerate(EXAMPLES)), encoding="utf-8")
    return path


def test_written_vectors_are_the_encoders_and_are_used_instead_of_encoding(memory_file, lexical_encoder,
                                                                           monkeypatch) -> None:
    path = write_vectors(memory_file, EXAMPLES, lexical_encoder)
    assert path == vectors_path(memory_file) == memory_file.with_name("train.vectors.safetensors")
    expected = lexical_encoder.encode([clean_filename(e.filename) for e in EXAMPLES])
    vectors = shipped_vectors(memory_file, len(EXAMPLES), lexical_encoder)
    assert vectors is not None and vectors.dtype == np.float32
    assert np.allclose(vectors, expected, atol=1e-3)  # float16 on disk
    monkeypatch.setenv(STARTER_MEMORY_ENV, str(memory_file))
    encoded: list[str] = []
    monkeypatch.setattr(lexical_encoder, "encode", lambda texts, *a, **k: encoded.extend(texts) or
                        np.zeros((len(texts), lexical_encoder.dimension), np.float32))
    memory = default_memory(lexical_encoder, None)
    assert len(memory) == len(EXAMPLES) and not encoded  # nothing of the starter memory encoded again


def test_the_memory_leaves_out_examples_that_name_no_file(memory_file, lexical_encoder, monkeypatch) -> None:
    api = Example("Config", "wrapper class around a spec file", sorted(NOT_FILES)[0])
    examples = [EXAMPLES[0], api, *EXAMPLES[1:]]  # the function's example between two files
    memory_file.write_text("".join(json.dumps({"id": i, "filename": e.filename, "file_desc": e.description,
                                               "source": e.source}) + "\n" for i, e in enumerate(examples)),
                           encoding="utf-8")
    write_vectors(memory_file, examples, lexical_encoder)
    monkeypatch.setenv(STARTER_MEMORY_ENV, str(memory_file))
    memory = default_memory(lexical_encoder, None)
    assert [e.filename for e in memory.examples] == [e.filename for e in EXAMPLES]
    names = ["config", ".bashrc"]
    found = memory.neighbours(lexical_encoder.encode([clean_filename(n) for n in names]), names)
    assert all(n.description != api.description for row in found for n in row)
    assert found[1][0].filename == ".bashrc" and found[1][0].score > 0.99  # each kept example kept its own vector


def test_stale_or_broken_vectors_are_ignored(memory_file, lexical_encoder, monkeypatch) -> None:
    write_vectors(memory_file, EXAMPLES, lexical_encoder)
    assert shipped_vectors(memory_file, len(EXAMPLES) + 1, lexical_encoder) is None  # another count
    with memory_file.open("a", encoding="utf-8") as out:
        out.write(json.dumps({"id": 9, "filename": "notes.md", "file_desc": "notes"}) + "\n")
    assert shipped_vectors(memory_file, len(EXAMPLES) + 1, lexical_encoder) is None  # the examples changed
    monkeypatch.setenv(STARTER_MEMORY_ENV, str(memory_file))
    assert len(default_memory(lexical_encoder, None)) == len(EXAMPLES) + 1  # encoded afresh, nothing lost
    vectors_path(memory_file).write_bytes(b"\x00" * 20)
    assert shipped_vectors(memory_file, len(EXAMPLES) + 1, lexical_encoder) is None
    monkeypatch.setitem(lexical_encoder.__dict__, "weights_sha256", "0" * 64)  # another encoder's weights
    write_vectors(memory_file, load_examples(memory_file)[0], lexical_encoder)
    monkeypatch.undo()
    assert shipped_vectors(memory_file, len(EXAMPLES) + 1, lexical_encoder) is None


def test_the_shipped_starter_memory_has_current_vectors(lexical_encoder) -> None:
    starter = resource_path("data", "starter_splits", "train.jsonl")
    examples = load_examples(starter)[0]
    vectors = shipped_vectors(starter, len(examples), lexical_encoder)
    assert vectors is not None, "run: filescribe starter vectors --corpus resources/data/starter_splits/train.jsonl"
    sample = list(range(0, len(examples), len(examples) // 50))
    fresh = lexical_encoder.encode([clean_filename(examples[i].filename) for i in sample])
    assert np.allclose(vectors[sample], fresh, atol=2e-3)
