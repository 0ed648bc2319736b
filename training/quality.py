"""What ROUGE does not show about descriptions: do they use the name's words, and do they name a wrong type?

- `content_words(name)`: the words of a name that carry its meaning (no extension, date, version,
  convention marker, number or stop word): "Tax_Return_2023.pdf" -> {"tax", "return"}.
- `uses_name_words(name, text)`: the description uses one of them (Porter stems compared, as ROUGE does; a
  word split in one and joined in the other counts: "googlechrome" and "Google Chrome").
- `contradicting_type(name, text)`: the description names a shared-mime-info type that the extension rules
  out ("podcast_episode_42.mp3" -> "a FastTracker II audio file"); a type is named when its comment's
  distinctive words (those with a capital or a digit: "FastTracker II", "MP2") appear in the text.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from core.describe.facts import name_facts, split_words
from core.describe.file_types import default_table
from core.describe.prompts import clean_filename

WORD = re.compile(r"[^\W_]+")
STOP_WORDS = frozenset({"the", "and", "for", "with", "from", "into", "onto", "this", "that", "new", "old", "copy",
                        "file", "files", "final", "draft", "img", "vid", "dsc", "pxl", "scan", "doc", "docs", "misc",
                        "tmp", "temp", "untitled", "document", "data", "test", "part", "version"})
GENERIC_TYPE_WORDS = frozenset({"document", "file", "image", "audio", "video", "archive", "source", "code", "text",
                                "plain", "data", "script", "a", "an", "the", "of", "and", "(", ")"})


@lru_cache(maxsize=1)
def _stemmer():
    """The Porter stemmer rouge_score uses."""
    from nltk.stem import porter

    return porter.PorterStemmer()


def stem(word: str) -> str:
    """A word's Porter stem, lower-case (words under four letters as they are, as ROUGE does)."""
    word = word.lower()
    return _stemmer().stem(word) if len(word) >= 4 else word


def name_content_words(name: str) -> list[str]:
    """The words that carry a name's meaning, in order: three letters or more, not a number or a stop word."""
    words = WORD.findall(name_facts(clean_filename(name)).words)
    return [w for w in words if len(w) >= 3 and not w.isdigit() and w.lower() not in STOP_WORDS
            and any(ch.isalpha() for ch in w)]


def content_words(name: str) -> frozenset[str]:
    """Stems of the words that carry a name's meaning."""
    return frozenset(stem(w) for w in name_content_words(name))


def word_stems(words: Sequence[str]) -> set[str]:
    """Stems of `words` and of each two neighbours written as one ("Google Chrome" also as "googlechrome")."""
    return {stem(w) for w in words} | {stem(a + b) for a, b in zip(words, words[1:], strict=False)}


def uses_name_words(name: str, text: str) -> bool:
    """True when the description uses at least one content word of the name, however either splits its words:
    "googlechrome.dmg" -> "Google Chrome installer", "TeamViewer_Setup.exe" (team, viewer) -> "TeamViewer ..."."""
    written = word_stems(WORD.findall(text)) | word_stems(split_words(text))
    return bool(word_stems(name_content_words(name)) & written)


@lru_cache(maxsize=1)
def _type_mentions() -> list[tuple[str, frozenset[str], re.Pattern[str]]]:
    """(MIME type, distinctive words, pattern finding its comment in a text) of every type with distinctive words."""
    table = default_table()
    found = []
    for mime_type in sorted({g.mime_type for g in table.globs}):
        comment = table.type_comment(mime_type)
        distinctive = distinctive_words(comment)
        if comment and distinctive:
            words = r"\W+".join(re.escape(w) for w in WORD.findall(comment) if w.lower() not in {"a", "an", "the"})
            found.append((mime_type, distinctive, re.compile(rf"(?<![\w-]){words}(?![\w-])", re.IGNORECASE)))
    return found


def distinctive_words(comment: str | None) -> frozenset[str]:
    """The distinctive words of a type comment ("Excel 2007 spreadsheet" -> {"excel", "2007"})."""
    if not comment:
        return frozenset()
    return frozenset(w.lower() for w in WORD.findall(comment)
                     if w.lower() not in GENERIC_TYPE_WORDS and (w[:1].isupper() or any(c.isdigit() for c in w)))


def contradicting_type(name: str, text: str) -> str | None:
    """The MIME type the description names although the name's extension settles another; None if none."""
    own = default_table().mime_type(clean_filename(name))
    if own is None:
        return None
    own_words = distinctive_words(default_table().comment(clean_filename(name)))
    for mime_type, words, pattern in _type_mentions():
        if mime_type != own and not words & own_words and pattern.search(text):
            return mime_type
    return None
