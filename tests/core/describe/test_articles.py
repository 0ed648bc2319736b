"""Indefinite articles: the one a word takes, and descriptions made to agree with their words."""
from __future__ import annotations

import pytest

from core.describe.articles import agree_articles, indefinite_article


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
