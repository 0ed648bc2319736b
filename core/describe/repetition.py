"""Repetition control: no n-gram twice, no token run, and no content word written twice.

A description that says a word of meaning twice is almost always a model going round in circles ("a recipe,
a recipe document", "the song Fleetwood Mac by Fleetwood Mac", "notes for the note project for the notes"):
`RepeatedWords` bans the first token of a content word once the description holds it, and `RepeatedNgrams` the
token that would write an n-gram a second time, unless the row allows it: the name says it twice ("Duran Duran"),
or a neighbour's description that decoding may copy does ("Gradle wrapper ... the pinned Gradle version": a word
of three tokens is a trigram).
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import torch
from transformers import LogitsProcessor

MIN_LETTERS = 4  # shorter words ("of", "the", "app", "Mac") may well come twice
FUNCTION_WORDS = frozenset({
    "about", "above", "after", "again", "against", "also", "been", "before", "being", "below", "between", "both",
    "does", "doing", "down", "during", "each", "either", "every", "file", "files", "from", "further", "have",
    "having", "here", "into", "itself", "just", "made", "more", "most", "much", "must", "once", "only", "other",
    "over", "same", "should", "some", "such", "than", "that", "their", "them", "then", "there", "these", "they",
    "this", "those", "through", "under", "until", "upon", "used", "uses", "very", "were", "what", "when", "where",
    "which", "while", "whom", "whose", "will", "with", "within", "without", "would", "your",
})


class RunLimit(LogitsProcessor):
    """Bans the token that already ends the text `limit` times in a row."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.Tensor:
        """Scores with each row's repeated last token banned once its run reaches the limit."""
        if input_ids.shape[1] < self.limit:
            return scores
        tail = input_ids[:, -self.limit:]
        repeated = (tail == tail[:, -1:]).all(dim=1)
        rows = repeated.nonzero().flatten()
        return scores.index_put((rows, tail[rows, -1]), torch.tensor(-math.inf, dtype=scores.dtype)) \
            if len(rows) else scores


def content_word_starts(vocabulary: Mapping[str, int]) -> frozenset[int]:
    """The tokens that begin a content word: a whole word of at least MIN_LETTERS letters, not a function word
    (WordPiece's tokens without "##", SentencePiece's with "▁")."""
    sentencepiece = any(token.startswith("▁") for token in vocabulary)
    found = set()
    for token, index in vocabulary.items():
        if sentencepiece and not token.startswith("▁") or not sentencepiece and token.startswith("##"):
            continue
        word = token.removeprefix("▁")
        if len(word) >= MIN_LETTERS and word.isalpha() and word.lower() not in FUNCTION_WORDS:
            found.add(index)
    return frozenset(found)


def repeated_starts(token_ids: Iterable[int], starts: frozenset[int]) -> frozenset[int]:
    """The content-word starts that `token_ids` hold more than once (words a text itself repeats)."""
    counts = Counter(i for i in token_ids if i in starts)
    return frozenset(i for i, count in counts.items() if count > 1)


def repeated_ngrams(token_ids: Sequence[int], size: int) -> frozenset[tuple[int, ...]]:
    """The n-grams of `size` tokens that `token_ids` hold more than once."""
    counts = Counter(tuple(token_ids[i : i + size]) for i in range(len(token_ids) - size + 1))
    return frozenset(gram for gram, count in counts.items() if count > 1)


def ban(scores: torch.Tensor, rows: list[int], columns: list[int]) -> torch.Tensor:
    """`scores` with the (row, column) pairs set to -inf."""
    if not rows:
        return scores
    return scores.index_put((torch.tensor(rows), torch.tensor(columns)), torch.tensor(-math.inf, dtype=scores.dtype))


class RepeatedNgrams(LogitsProcessor):
    """no_repeat_ngram_size with allowances: bans the token that would write an n-gram of `size` tokens a second
    time in its row, unless the row's input allows that n-gram."""

    def __init__(self, size: int, allowed: Sequence[frozenset[tuple[int, ...]]]) -> None:
        self.size = size
        self.allowed = allowed  # one set per input of the batch (its beams share it)

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.Tensor:
        """Scores with each row's repeating continuations banned."""
        beams = input_ids.shape[0] // len(self.allowed)
        prefix = self.size - 1
        rows, columns = [], []
        for row, generated in enumerate(input_ids.tolist()):
            tail = tuple(generated[len(generated) - prefix :])
            for start in range(len(generated) - prefix):
                gram = tuple(generated[start : start + self.size])
                if gram[:prefix] == tail and gram not in self.allowed[row // beams]:
                    rows.append(row)
                    columns.append(gram[-1])
        return ban(scores, rows, columns)


class RepeatedWords(LogitsProcessor):
    """Bans, in each row, the first token of every content word already generated, except the row's allowed ones."""

    def __init__(self, starts: frozenset[int], allowed: Sequence[frozenset[int]]) -> None:
        self.starts = starts
        self.allowed = allowed  # one set per input of the batch (its beams share it)

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.Tensor:
        """Scores with the written content words banned."""
        beams = input_ids.shape[0] // len(self.allowed)
        rows, columns = [], []
        for row, generated in enumerate(input_ids.tolist()):
            allowed = self.allowed[row // beams]
            for token in {i for i in generated if i in self.starts} - allowed:
                rows.append(row)
                columns.append(token)
        return ban(scores, rows, columns)
