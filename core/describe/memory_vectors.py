"""Filename vectors shipped beside a memory file, so that the app's first start need not encode its examples.

`train.jsonl` -> `train.vectors.safetensors`: one float16 row per example of the file (in load order), with
the SHA-256 of the examples file and of the sentence encoder's weights that made them. They are used only
when both still match; otherwise the examples are encoded as before.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from core.atomic import write_atomically
from core.checksums import file_sha256
from core.describe.examples import Example
from core.describe.prompts import clean_filename

if TYPE_CHECKING:
    from core.describe.lexical import LexicalEncoder

SUFFIX = ".vectors.safetensors"
TENSOR = "vectors"
log = logging.getLogger(__name__)


def vectors_path(examples_file: Path) -> Path:
    """Where the vectors of `examples_file` are shipped: its name with `.vectors.safetensors` for `.jsonl`."""
    return examples_file.with_name(examples_file.name.removesuffix(".jsonl") + SUFFIX)


def filename_vectors(encoder: LexicalEncoder, examples: Sequence[Example]) -> np.ndarray:
    """The encoder's vectors of the examples' (cleaned) filenames, one row per example."""
    return encoder.encode([clean_filename(e.filename) for e in examples])


def write_vectors(examples_file: Path, examples: list[Example], encoder: LexicalEncoder) -> Path:
    """Encode the examples' filenames and write them beside `examples_file` (float16, atomically)."""
    from safetensors.numpy import save

    vectors = filename_vectors(encoder, examples).astype(np.float16)
    metadata = {"examples_sha256": file_sha256(examples_file), "encoder_sha256": encoder.weights_sha256,
                "count": str(len(examples))}
    path = vectors_path(examples_file)
    data = save({TENSOR: vectors}, metadata=metadata)
    write_atomically(path, lambda out: out.write(data))
    return path


def shipped_vectors(examples_file: Path, count: int, encoder: LexicalEncoder) -> np.ndarray | None:
    """The shipped float32 vectors of the `count` examples in `examples_file`, or None when absent or stale."""
    path = vectors_path(examples_file)
    if not path.is_file():
        return None
    from safetensors import SafetensorError, safe_open

    try:
        with safe_open(str(path), framework="np") as shipped:
            metadata = shipped.metadata() or {}
            vectors = shipped.get_tensor(TENSOR)
    except (SafetensorError, OSError) as exc:  # a truncated or foreign file: encode instead, say why in the log
        log.warning("Ignoring %s, it cannot be read: %s", path, exc)
        return None
    expected = {"examples_sha256": file_sha256(examples_file), "encoder_sha256": encoder.weights_sha256,
                "count": str(count)}
    stale = [key for key, value in expected.items() if metadata.get(key) != value]
    if stale or vectors.shape != (count, encoder.dimension):
        log.info("Ignoring %s: made for another %s", path, ", ".join(stale) or "shape")
        return None
    return vectors.astype(np.float32)
