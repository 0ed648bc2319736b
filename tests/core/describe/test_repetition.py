"""Repetition control: the run limit and content words said once, on hand-made token ids."""
from __future__ import annotations

import math

import torch

from core.describe.repetition import (
    RepeatedNgrams,
    RepeatedWords,
    RunLimit,
    content_word_starts,
    repeated_ngrams,
    repeated_starts,
)

WORDPIECE = {"[PAD]": 0, "the": 1, "song": 2, "by": 3, "fleetwood": 4, "##s": 5, "with": 6, "mac": 7, "2024": 8,
             "##wood": 9, "fleet": 10}
SENTENCEPIECE = {"<pad>": 0, "▁the": 1, "▁song": 2, "▁by": 3, "▁Fleetwood": 4, "s": 5, "▁with": 6, "▁Mac": 7,
                 "▁2024": 8, "song": 9}


def banned_after(processor: RepeatedWords | RepeatedNgrams, rows: list[list[int]],
                 vocabulary: int = 12) -> list[set[int]]:
    """The tokens each row may not take next."""
    scores = processor(torch.tensor(rows), torch.zeros(len(rows), vocabulary))
    return [set(torch.isneginf(row).nonzero().flatten().tolist()) for row in scores]


def test_content_word_starts_are_whole_words_of_four_letters_or_more() -> None:
    assert content_word_starts(WORDPIECE) == {2, 4, 10}  # not "##wood", "with", "mac", "2024"
    assert content_word_starts(SENTENCEPIECE) == {2, 4}  # not the inner piece "song"


def test_repeated_starts_are_those_a_text_holds_twice() -> None:
    assert repeated_starts([4, 4, 7, 2], frozenset({2, 4})) == {4}
    assert repeated_starts([4, 7, 2, 7], frozenset({2, 4})) == set()


def test_a_written_content_word_is_banned_in_its_row_only() -> None:
    processor = RepeatedWords(frozenset({2, 4}), [frozenset(), frozenset()])
    assert banned_after(processor, [[0, 1, 2, 3, 4], [0, 1, 2, 3, 1]]) == [{2, 4}, {2}]


def test_a_row_may_repeat_what_its_name_repeats_and_beams_share_their_inputs_allowance() -> None:
    processor = RepeatedWords(frozenset({2, 4}), [frozenset({4}), frozenset()])
    rows = [[0, 4, 2], [0, 4, 1], [0, 4, 2], [0, 4, 1]]  # two beams per input
    assert banned_after(processor, rows) == [{2}, set(), {2, 4}, {4}]


def test_nothing_is_banned_before_a_content_word_is_written() -> None:
    scores = torch.randn(1, 12)
    assert torch.equal(RepeatedWords(frozenset({2, 4}), [frozenset()])(torch.tensor([[0, 1, 3]]), scores), scores)


def test_run_limit_bans_the_token_ending_a_full_run() -> None:
    scores = RunLimit(2)(torch.tensor([[0, 5, 5], [0, 5, 6]]), torch.zeros(2, 8))
    assert scores[0, 5] == -math.inf and torch.isfinite(scores[1]).all()


def test_repeated_ngrams_are_those_a_text_holds_twice() -> None:
    assert repeated_ngrams([4, 9, 2, 7, 4, 9, 2], 3) == {(4, 9, 2)}
    assert repeated_ngrams([4, 9, 2, 4, 9], 3) == set()


def test_the_token_that_would_write_a_trigram_again_is_banned_in_its_row_only() -> None:
    processor = RepeatedNgrams(3, [frozenset(), frozenset()])
    rows = [[0, 4, 9, 2, 7, 4, 9], [0, 4, 9, 2, 7, 4, 3]]
    assert banned_after(processor, rows) == [{2}, set()]


def test_a_trigram_the_input_says_twice_may_come_again_and_beams_share_the_allowance() -> None:
    processor = RepeatedNgrams(3, [frozenset({(4, 9, 2)}), frozenset()])  # "gr ##ad ##le ... pinned gr ##ad ##le"
    rows = [[0, 4, 9, 2, 7, 4, 9], [0, 0, 7, 7, 3, 7, 7], [0, 4, 9, 2, 7, 4, 9], [0, 0, 7, 7, 3, 7, 7]]
    assert banned_after(processor, rows) == [set(), {3}, {2}, {3}]
