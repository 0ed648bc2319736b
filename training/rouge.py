"""ROUGE with rouge_score, offline: Porter stemming as its default tokenizer does, but non-ASCII letters kept."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")
ROUGE_NAMES = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeL": "ROUGE-L", "rougeLsum": "ROUGE-Lsum"}  # as printed
WORD = re.compile(r"[^\W_]+")  # letters and digits of any script
MIN_STEMMED_CHARS = 4  # rouge_score stems only words longer than 3 characters


class UnicodeStemmingTokenizer:
    """rouge_score's default tokenisation (lowercase, alphanumeric runs, Porter stem) that keeps `résumé` whole."""

    def __init__(self) -> None:
        from nltk.stem import porter

        self._stemmer = porter.PorterStemmer()

    def tokenize(self, text: str) -> list[str]:
        """Lowercased words of `text`, those of 4+ characters stemmed."""
        words = WORD.findall(text.lower())
        return [self._stemmer.stem(word) if len(word) >= MIN_STEMMED_CHARS else word for word in words]


def rouge_scorer() -> Any:
    """A rouge_score RougeScorer for the four ROUGE types with the Unicode stemming tokenizer."""
    from rouge_score import rouge_scorer as scorer_module

    return scorer_module.RougeScorer(list(ROUGE_TYPES), use_stemmer=True, tokenizer=UnicodeStemmingTokenizer())


def pair_scores(predictions: Sequence[str], references: Sequence[str]) -> list[dict[str, float]]:
    """F-measure of each ROUGE type for each aligned prediction/reference pair."""
    if len(predictions) != len(references):
        raise ValueError(f"{len(predictions)} predictions for {len(references)} references")
    scorer = rouge_scorer() if predictions else None
    return [{name: score.fmeasure for name, score in scorer.score(reference, prediction).items()}
            for prediction, reference in zip(predictions, references, strict=True)]


def mean_scores(pairs: Sequence[dict[str, float]]) -> dict[str, float]:
    """Mean of each ROUGE type over per-pair scores (zeros when there are none)."""
    if not pairs:
        return dict.fromkeys(ROUGE_TYPES, 0.0)
    return {name: sum(pair[name] for pair in pairs) / len(pairs) for name in ROUGE_TYPES}


def rouge_scores(predictions: Sequence[str], references: Sequence[str]) -> dict[str, float]:
    """Mean F-measure of each ROUGE type over aligned prediction/reference pairs."""
    return mean_scores(pair_scores(predictions, references))


def format_change(change: float) -> str:
    """A score change to 3 decimals with its sign: +0.012, -0.004, and ±0.000 when it rounds to nothing."""
    rounded = round(change, 3)
    return f"{rounded:+.3f}" if rounded else "±0.000"


def bootstrap_difference(better: Sequence[float], other: Sequence[float], resamples: int = 10_000,
                         seed: int = 0) -> tuple[float, float, float]:
    """Mean of better - other per item and its 95 % percentile bootstrap interval (items resampled)."""
    import numpy as np

    difference = np.asarray(better, dtype=float) - np.asarray(other, dtype=float)
    picks = np.random.default_rng(seed).integers(0, len(difference), (resamples, len(difference)))
    low, high = np.percentile(difference[picks].mean(axis=1), [2.5, 97.5])
    return float(difference.mean()), float(low), float(high)
