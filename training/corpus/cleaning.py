"""Cleaning harvested text into descriptions: markup stripped, the first sentence, at most 20 words."""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

MAX_WORDS = 20
MIN_DOCSTRING_WORDS = 3
PROPER_NOUNS = frozenset(
    {"python", "windows", "linux", "unix", "apple", "microsoft", "google", "mozilla", "debian", "java", "git",
     "unicode", "english", "tk", "tcl", "tkinter", "qt", "sphinx", "django", "jinja", "matplotlib", "pillow",
     "jupyter", "cython", "perl", "ruby", "rust", "emacs", "vim", "docker", "sun", "intel",
     "mercurial", "numpy", "pytorch", "hypothesis", "mac", "macos", "gnu", "idle", "pip", "pypi", "lisp"}
)

BOILERPLATE = re.compile(
    r"copyright|\blicen[cs]ed?\b|all rights reserved|auto-?generated|generated (by|from|with)|do not edit|"
    r"-\*-|spdx|\$id|@generated|this file is part of|permission is hereby granted|\bauthors?\s*:|"
    r"^\s*created (on|by)\b|^\s*@?author\b|\bvim?:",
    re.IGNORECASE,
)
CODE_START = re.compile(r"^(>>>|\$ |#|import |from \S+ import |def |class |@|[{\[<%]|\w+\s*=[^=]|\w+\(.*\)$)")
DIRECTIVE_START = re.compile(r"^(\.\.|:[\w -]+:\s)")
UNDERLINE = re.compile(r"^\s*([=\-~^*#+`'\"])\1{2,}\s*$", re.MULTILINE)
MARKUP = (
    (re.compile(r":[\w:+-]+:`([^`<]+?)\s*<[^`>]+>`"), r"\1"),  # :role:`title <target>` -> title
    (re.compile(r":[\w:+-]+:`~([^`]+)`"), lambda m: m.group(1).rsplit(".", 1)[-1]),  # :role:`~a.b` -> b
    (re.compile(r":[\w:+-]+:`([^`]+)`"), r"\1"),
    (re.compile(r"`([^`<]+?)\s*<[^`>]+>`_{1,2}"), r"\1"),  # `text <url>`_ -> text
    (re.compile(r"\[([^\]]+)\]\([^)]+\)"), r"\1"),  # [text](url) -> text
    (re.compile(r"`{1,2}([^`]+)`{1,2}_{0,2}"), r"\1"),
    (re.compile(r"(?<![\w*])\*{1,2}([^*\s][^*]*?)\*{1,2}(?![\w*])"), r"\1"),
)
NAME_PREFIX = re.compile(r"^(module\s+)?[\w.]+\s+(--|-|\u2014)\s+")  # "csv.py - read CSV files" -> "read CSV files"
URL = re.compile(r"https?://|www\.|[\w.+-]+@[\w-]+\.\w")  # URLs and email addresses
SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)(?<!\bcf)[.!?](?=\s|$)")
CLAUSE_BREAK = re.compile(r"[,;:](?=\s)|\s[-\u2013\u2014]+\s|\s\(")


def strip_markup(text: str) -> str:
    """Remove reST and Markdown inline markup: ``x``, :mod:`x`, *x*, [x](url) -> x."""
    for pattern, replacement in MARKUP:
        text = pattern.sub(replacement, text)
    return text


def first_sentence(text: str) -> str:
    """The first sentence of `text`, whitespace normalised, without its final full stop or colon."""
    text = " ".join(text.split())
    match = SENTENCE_END.search(text)
    return (text[: match.start()] if match else text).strip().rstrip(".:")


def shorten(text: str, max_words: int = MAX_WORDS) -> str | None:
    """`text` if it has at most `max_words` words, else cut at the last clause break that fits; None if none does."""
    if len(text.split()) <= max_words:
        return text
    cuts = [m.start() for m in CLAUSE_BREAK.finditer(text) if len(text[: m.start()].split()) <= max_words]
    head = text[: cuts[-1]].strip() if cuts else ""
    return head if len(head.split()) >= MIN_DOCSTRING_WORDS else None


def lower_initial(text: str, keep: Iterable[str] = ()) -> str:
    """Lower-case the first word when it is a plain capitalised word, not a proper noun or one of `keep`."""
    word = text.split(" ", 1)[0]
    plain = word[:1].isupper() and (word[1:].islower() or len(word) == 1)
    if not plain or word.lower() in PROPER_NOUNS or word.lower() in {k.lower() for k in keep}:
        return text
    return text[0].lower() + text[1:]


def clean_description(text: str, filename: str) -> str | None:
    """One short sentence of at most MAX_WORDS words, or None if nothing usable or only the filename is left."""
    sentence = shorten(first_sentence(strip_markup(text)))
    if not sentence or sentence.lower() in {filename.lower(), Path(filename).stem.lower()}:
        return None
    return sentence

def docstring_summary(doc: str, stem: str) -> str | None:
    """The first sentence of a module docstring, or None for boilerplate, code, directives and name-only text."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", UNDERLINE.sub("", doc)) if p.strip()]
    if paragraphs and _is_module_name(paragraphs[0], stem):
        paragraphs = paragraphs[1:]
    if not paragraphs or any(p.match(paragraphs[0]) for p in (CODE_START, DIRECTIVE_START)):
        return None
    if BOILERPLATE.search(paragraphs[0]):
        return None
    sentence = _cut_before_url(NAME_PREFIX.sub("", first_sentence(strip_markup(paragraphs[0]))))
    if len(sentence.split()) < MIN_DOCSTRING_WORDS or _is_module_name(sentence, stem):
        return None
    return sentence


def _cut_before_url(text: str) -> str:
    """`text` up to the clause break before its first URL or email ("tools, based on https://x" -> "tools")."""
    match = URL.search(text)
    if not match:
        return text
    cuts = [m.start() for m in CLAUSE_BREAK.finditer(text, 0, match.start())]
    return text[: cuts[-1]].strip() if cuts else ""


def _is_module_name(text: str, stem: str) -> bool:
    """Whether `text` is only the module's (dotted) name, maybe followed by "module" or "package"."""
    name = re.sub(r"\s+(module|package)$", "", text.strip().strip(".:").lower())
    return name.rsplit(".", 1)[-1] in {stem.lower(), stem.lower().replace("_", " ")}

