"""The articles of descriptions: the indefinite article a word takes ("an invoice", "a user", "an MP3", "a JPEG"),
made to agree, and no "the" before a date or a bare number ("a backup of 1 April 2024", "a budget for 2025")."""
from __future__ import annotations

import calendar
import re

VOWELS = frozenset("aeiou")
LETTER_NAMES_WITH_VOWEL_SOUND = frozenset("AEFHILMNORSX")
WORD_ONSETS = frozenset({"bl", "br", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "pl", "pr", "sc", "sk", "sl", "sm",
                         "sn", "sp", "st", "sw", "tr", "th", "sh", "ch", "wh"})
# "a" or "an" before a word: at the start in any case, elsewhere in lower case ("camera A footage" is a label)
ARTICLE = re.compile(r"(?:^([Aa]n?)|(?<=\s)(an?))(\s+)(?=([^\W_][\w'’-]*))")
MONTH_NAMES = "|".join(name for name in calendar.month_name if name)
# "the" before a date ("1 April 2024", "April 2024") or a number that ends a phrase: "for the 2025", "of the 1 April
# 2024 at 14:00"; a noun after them keeps it ("the 2023 tax year", "the April 2024 meeting")
THE_BEFORE_NUMBER = re.compile(rf"\bthe\s+(?=(?:(?:\d{{1,2}}\s+)?(?:{MONTH_NAMES})\s+)?\d+(?:\s*[,;:)]|\s*$|\s+at\s))")


def indefinite_article(phrase: str) -> str:
    """ "a" or "an" for `phrase`, reading acronyms letter by letter ("an HTML", "a JSON", "an MP3")."""
    word = re.split(r"[\s/.\-]", phrase, maxsplit=1)[0]
    if word[:1].isdigit():
        return "an" if word.startswith(("8", "11", "18")) else "a"
    if word.isupper() or len(word) == 1 or word[:2].isupper():
        return "an" if _spelled_with_vowel_sound(word) else "a"
    lower = word.lower()
    if lower.startswith(("uni", "use", "usu", "uti", "uu", "one", "eu")):
        return "a"
    return "an" if lower[:1] in VOWELS else "a"


def _spelled_with_vowel_sound(acronym: str) -> bool:
    """Whether an upper-case word starts with a vowel sound, whether read as a word (FLAC) or spelled (MPEG)."""
    lower = acronym.lower()
    second, third = lower[1:2], lower[2:3]
    read_as_word = len(lower) > 2 and (second in VOWELS or (lower[:2] in WORD_ONSETS and third in VOWELS))
    if read_as_word:
        return lower[0] in VOWELS and lower[0] != "u"
    return acronym[0] in LETTER_NAMES_WITH_VOWEL_SOUND


def agree_articles(text: str) -> str:
    """Each "a"/"an" as the next word wants it ("a invoice" -> "an invoice"); words of one letter and words
    beginning with a lower-case h ("an hour", "a house") are left as written."""
    def agreed(match: re.Match[str]) -> str:
        article, space, word = match.group(1) or match.group(2), match.group(3), match.group(4)
        if len(word) < 2 or word[0] == "h":
            return article + space
        wanted = indefinite_article(word)
        return (wanted.capitalize() if article[0] == "A" else wanted) + space

    return ARTICLE.sub(agreed, text)


def no_article_before_dates(text: str) -> str:
    """Drops "the" before a date or before a number that ends a phrase ("compressed backup of the 1 April 2024" ->
    "... of 1 April 2024", "a budget for the 2025" -> "... for 2025"); "the 2023 tax year" keeps it."""
    return THE_BEFORE_NUMBER.sub("", text)
