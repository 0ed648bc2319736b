"""Sentence case for harvested descriptions: a capitalised first word is lowered where the texts mostly lower it."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from training.corpus.cleaning import lower_initial


def sentence_case(texts: Iterable[str]) -> Callable[[str], str]:
    """A function lower-casing a text's first word when that word is mostly written in lower case inside `texts`.

    "Library for ..." becomes "library for ..." (the word is lower-case inside other texts); "Turkish
    dictionary" and "GNOME shell" keep their capitals. A word the texts never use inside a sentence is
    lowered unless it is a known proper noun (cleaning.lower_initial).
    """
    lower, upper = Counter(), Counter()
    for text in texts:
        for word in text.split()[1:]:
            if word.isalpha():
                (lower if word.islower() else upper)[word.lower()] += 1 if word[:1].isupper() or word.islower() else 0

    def case(text: str) -> str:
        first, _, rest = text.partition(" ")
        plain = first[:1].isupper() and (first[1:].islower() or len(first) == 1) and first.isalpha()
        seen_lower, seen_upper = lower[first.lower()], upper[first.lower()]
        if not plain or (seen_lower + seen_upper and seen_lower <= seen_upper):
            return text
        return f"{first.lower()} {rest}".rstrip() if seen_lower else lower_initial(text)

    return case
