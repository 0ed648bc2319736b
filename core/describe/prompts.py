"""The one function that turns a filename into the model's input text, for training and inference."""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from core.describe.facts import name_facts
from core.files.scanner import display_name

MAX_FILENAME_CHARS = 200
_WORD_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])|[^0-9A-Za-z\u00C0-\uFFFF]+")


def filename_words(filename: str) -> str:
    """The words in a filename: `appConfig_v2.yaml` -> `app config v2 yaml`."""
    return " ".join(part.lower() for part in _WORD_BOUNDARY.split(filename) if part)


@lru_cache(maxsize=65536)  # prompts clean every neighbour's name and text again: a memory's worth of calls
def clean_filename(filename: str) -> str:
    """Valid text on one line, no control characters, at most MAX_FILENAME_CHARS characters."""
    printable = "".join(ch if ch.isprintable() else " " for ch in display_name(filename))
    return " ".join(printable.split())[:MAX_FILENAME_CHARS]


def build_prompt(filename: str, examples: Sequence[tuple[str, str]] = ()) -> str:
    """Model input for `filename`: the name, what it says for sure (core.describe.facts), and examples of similar files.

    `Describe the file: IMG_20240512_183022.jpg | type: JPEG image | origin: photo from a phone camera |
    date: 12 May 2024, 18:30 | words: none | similar files: a.jpg = ...; b.jpg = ...`
    """
    name = clean_filename(filename)
    parts = [f"Describe the file: {name}", *name_facts(name).lines()]
    if examples:
        parts.append("similar files: " + "; ".join(f"{clean_filename(other)} = {clean_filename(text)}"
                                                   for other, text in examples))
    return " | ".join(parts)
