"""The packaged MiniLM encoder: normalised, dimension read from the model, cached, batched."""
from __future__ import annotations

import numpy as np
import pytest

from core.describe.lexical import resolve_lexical_model
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
