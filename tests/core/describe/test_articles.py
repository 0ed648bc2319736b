"""Articles: the indefinite one a word takes, descriptions made to agree with their words, no "the" before a date."""
from __future__ import annotations

import pytest

from core.describe.articles import agree_articles, indefinite_article, no_article_before_dates


@pytest.mark.parametrize(("word", "article"), [
    ("invoice", "an"), ("photo", "a"), ("user", "a"), ("umbrella", "an"), ("one-time", "a"), ("European", "a"),
    ("MP3", "an"), ("HTML", "an"), ("JPEG", "a"), ("FLAC", "a"), ("URL", "a"), ("8-bit", "an"), ("1080p", "a"),
    ("iPhone", "an"), ("Ubuntu", "an"),
])
def test_indefinite_article(word: str, article: str) -> None:
    assert indefinite_article(word) == article


@pytest.mark.parametrize(("text", "agreed"), [
    ("a invoice from car service", "an invoice from car service"),
    ("A expense report for May 2024", "An expense report for May 2024"),
    ("an photo taken on an iPhone", "a photo taken on an iPhone"),
    ("installer of a MP3 player, a HTML page", "installer of an MP3 player, an HTML page"),
    ("an hour of video, a house plan", "an hour of video, a house plan"),  # a lower-case h is left as written
    ("footage from camera A of the interview", "footage from camera A of the interview"),  # a label, not an article
    ("side a b of the tape", "side a b of the tape"),  # before a one-letter word: left as written
    ("grandma's lasagna recipe", "grandma's lasagna recipe"),
])
def test_descriptions_agree_with_their_words(text: str, agreed: str) -> None:
    assert agree_articles(text) == agreed


@pytest.mark.parametrize(("text", "tidied"), [
    ("compressed backup of the 1 December 2023", "compressed backup of 1 December 2023"),
    ("a budget for the 2025", "a budget for 2025"),
    ("a budget for the 2025, a spreadsheet", "a budget for 2025, a spreadsheet"),
    ("notes for the May 2024", "notes for May 2024"),
    ("a photo of the 3 May 2024 at 14:05", "a photo of 3 May 2024 at 14:05"),
    ("tax return for the 2023 tax year", "tax return for the 2023 tax year"),  # a noun follows: kept
    ("notes for the April 2024 board meeting", "notes for the April 2024 board meeting"),
    ("The 1975 live at Wembley", "The 1975 live at Wembley"),  # a name's capital "The"
    ("the 2nd floor plan", "the 2nd floor plan"),
])
def test_no_the_before_a_date_or_a_number_that_ends_a_phrase(text: str, tidied: str) -> None:
    assert no_article_before_dates(text) == tidied
