"""Semantic search over descriptions: each distinct text embedded once with MiniLM, ranked by cosine."""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from core.describe.lexical import LexicalEncoder

MIN_SCORE = 0.2  # all-MiniLM-L6-v2 puts unrelated sentences below this cosine


class DescriptionIndex:
    """Unit vectors of description texts, kept across searches; used from one worker thread."""

    def __init__(self, encoder: LexicalEncoder, chunk: int = 256) -> None:
        self.encoder = encoder
        self.chunk = chunk
        self._vectors: dict[str, np.ndarray] = {}

    def missing(self, texts: Mapping[str, str]) -> list[str]:
        """Distinct texts not embedded yet."""
        return [t for t in dict.fromkeys(texts.values()) if t and t not in self._vectors]

    def rank(self, query: str, texts: Mapping[str, str], min_score: float = MIN_SCORE) -> list[tuple[str, float]]:
        """Keys of `texts` whose text is close to `query`, best first, with their cosine scores."""
        missing = self.missing(texts)
        for start in range(0, len(missing), self.chunk):
            part = missing[start : start + self.chunk]
            self._vectors.update(zip(part, self.encoder.encode(part), strict=True))
        keys = [k for k, t in texts.items() if t]
        if not keys or not query.strip():
            return []
        matrix = np.stack([self._vectors[texts[k]] for k in keys])
        scores = matrix @ self.encoder.encode([query])[0]
        ranked = sorted(zip(keys, scores.tolist(), strict=True), key=lambda pair: -pair[1])
        return [(key, score) for key, score in ranked if score >= min_score]
