"""The written form of descriptions from a model whose tokenizer lower-cases (MiniLM's WordPiece vocabulary).

Such a model writes "jane doe ' s resume, 7 - zip archive"; what it means is "Jane Doe's résumé, 7-Zip
archive". Two tables learnt from the training corpus's descriptions restore the written form, and the model
input has the last word on a word's spelling: the facts and the similar files' descriptions always, the
file's name where its capitals say something (not a name in Title Case throughout):
- spacing: for two neighbouring tokens, whether the corpus writes a space between them (exact pair, else
  backed off to token classes: "18" ":" "30" -> "18:30", "album" ":" "ocean" -> "album: ocean");
- spelling: each word's most frequent written form ("pdf" -> "PDF", "resume" -> "résumé", "macos" -> "macOS"),
  and beside a number its form there where that differs ("1 May 2024", but "it may be").
The words are the model's; only their capitals, accents and spaces are restored.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from core.describe.facts import name_facts

SUBWORD = "##"
WORD = re.compile(r"[^\W_](?:[\w.'’+-]*[^\W_])?")
SPACED_DOTFILE = re.compile(r"([^\W_][\w'’+-]*) (\.[^\W_](?:[\w.-]*[^\W_])?)")  # "override .env"
MIN_COUNT = 2  # a spacing or spelling seen fewer times is not learnt
CAPITALS_OVER_LOWER = 2  # a capitalised form is learnt where it is written more than twice as often as in lower case
MIN_CONTEXTS = 3  # a capitalised spelling must follow this many different words (not one title's)
NUMBER_CONTEXT = "#"  # prefix of a spelling-table key for the word beside a number ("#may": "May")
APART = "-"  # ... and, while learning, for the word with no number beside it
ALWAYS_SPELT = {"i": "I"}  # the pronoun and the Roman one ("Spring I"), where neither input nor corpus decides
CONTEXT_COUNT = 20  # a word is spelt by context only when both contexts have this many writings
CONTEXT_SHARE = 0.75  # ... each agreeing on one form this often ("May 2024" 382 of 382, "may be" 32 of 32)


def plain(word: str) -> str:
    """A word's key: lower case, accents removed ("Lefèvre" -> "lefevre"), as MiniLM's normaliser reads it."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def lowercases(tokenizer: Any) -> bool:
    """True when the tokenizer reads "A" and "a" alike (its descriptions need their written form restored)."""
    return tokenizer("Abc", add_special_tokens=False)["input_ids"] == tokenizer("abc", add_special_tokens=False)[
        "input_ids"]


def token_class(token: str) -> str:
    """The class a token backs off to: "digits", "word", or the punctuation itself."""
    text = token.removeprefix(SUBWORD)
    if text.isdigit():
        return "digits"
    return "word" if any(ch.isalnum() for ch in text) else text


# ----- learning the tables -----


def learn_spacing(tokenizer: Any, texts: Iterable[str]) -> dict[str, float]:
    """Share of writings with a space between neighbouring tokens, by "left right" pair and by backed-off classes."""
    counts: dict[str, Counter[bool]] = defaultdict(Counter)
    for text in texts:
        encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
        tokens = tokenizer.convert_ids_to_tokens(encoded["input_ids"])
        offsets = encoded["offset_mapping"]
        for i in range(len(tokens) - 1):
            left, right = tokens[i], tokens[i + 1]
            if right.startswith(SUBWORD):
                continue
            spaced = offsets[i + 1][0] > offsets[i][1]
            for key in _spacing_keys(tokens[i - 1] if i else "", left, right):
                counts[key][spaced] += 1
    shares = {key: round(c[True] / (c[True] + c[False]), 3) for key, c in counts.items()
              if c[True] + c[False] >= MIN_COUNT}
    return {key: share for key, share in shares.items() if _needed(key, share, shares)}


def _needed(key: str, share: float, shares: Mapping[str, float]) -> bool:
    """Whether an entry decides otherwise than the more general entries after it (the class pair is always kept)."""
    parts = key.split(" ")
    if len(parts) == 3:  # <before> left <right>: backs off to left <right>
        general = [f"{parts[1]} {parts[2]}"]
    else:
        left, right = parts
        if left.startswith("<") and right.startswith("<"):
            return True
        general = [g for g in (f"{left} <{token_class(right)}>" if not right.startswith("<") else "",
                               f"<{token_class(left)}> {right}" if not left.startswith("<") else "",
                               f"<{token_class(left)}> <{token_class(right.strip('<>'))}>") if g]
    fallback = next((shares[g] for g in general if g in shares), 1.0)
    return (share >= 0.5) != (fallback >= 0.5)


def _spacing_keys(before: str, left: str, right: str) -> list[str]:
    """The keys a token pair's spacing is looked up by, most specific first (`before` precedes the pair: a colon
    between digits is a time, after a word it starts a list)."""
    left_class, right_class = token_class(left), token_class(right)
    word = left.removeprefix(SUBWORD)
    return [f"{word} {right}", f"<{token_class(before) if before else '^'}> {word} <{right_class}>",
            f"{word} <{right_class}>", f"<{left_class}> {right}", f"<{left_class}> <{right_class}>"]


def beside_number(words: Sequence[str], index: int) -> bool:
    """Whether the word at `index` has a number for a neighbour ("3 May", "May 2024")."""
    return any(0 <= j < len(words) and words[j].isdigit() for j in (index - 1, index + 1))


def learn_spellings(texts: Iterable[str]) -> dict[str, str]:
    """Each word's most frequent written form, where it differs from its key (case or accents); where the word
    is written one way beside a number and another apart, clearly in both, each (the form beside a number under
    NUMBER_CONTEXT + key: "3 May 2024", but "it may be").

    A capitalised form must also outnumber the lower-case one more than CAPITALS_OVER_LOWER times ("REST" 7 times
    beside "rest" 6 is no rule) and stand after at least MIN_CONTEXTS different words: "Leaves" seen only in
    "Autumn Leaves" is part of a title, not how "leaves" is written.
    """
    forms: dict[str, Counter[str]] = defaultdict(Counter)  # by key: all writings; "#key": beside a number; "-key": not
    contexts: dict[str, set[str]] = defaultdict(set)  # the words each written form stands after
    for text in texts:
        words = WORD.findall(text)
        for index, word in enumerate(words):
            key = plain(word)
            place = NUMBER_CONTEXT if beside_number(words, index) else APART
            forms[key][word] += 1
            forms[place + key][word] += 1
            contexts[word].add(words[index - 1].lower() if index else "^")
    table = {}
    for key in [k for k in forms if k[:1] not in (NUMBER_CONTEXT, APART)]:
        apart, beside = forms[APART + key], forms[NUMBER_CONTEXT + key]
        spelt = _spelling(key, forms[key], contexts)
        if _clear(apart) and _clear(beside):
            spelt, beside_form = _spelling(key, apart, contexts), _spelling(key, beside, contexts)
            if beside_form != spelt:
                table[NUMBER_CONTEXT + key] = beside_form
        if spelt != key:
            table[key] = spelt
    return table


def _clear(seen: Counter[str]) -> bool:
    """Whether a word's writings in one context are many and agree (CONTEXT_COUNT, CONTEXT_SHARE)."""
    total = sum(seen.values())
    return total >= CONTEXT_COUNT and seen.most_common(1)[0][1] >= CONTEXT_SHARE * total


def _spelling(key: str, seen: Counter[str], contexts: Mapping[str, set[str]]) -> str:
    """The form of `key` its writings `seen` give (the key itself where no other form stands out)."""
    form, count = seen.most_common(1)[0]
    if form == key or count < MIN_COUNT or seen[key] >= count:
        return key
    if form.lower() == form:  # accents only
        return form
    clear = count > CAPITALS_OVER_LOWER * seen[key]  # "the rest of" 6 times beside "REST" 7 is not clear
    return form if clear and len(contexts[form]) >= MIN_CONTEXTS else key  # and capitals used widely


def learn_surface(tokenizer: Any, texts: Sequence[str]) -> dict[str, dict]:
    """Both tables from the corpus's descriptions, as the model config keeps them (`surface_forms`)."""
    return {"spacing": learn_spacing(tokenizer, texts), "spelling": learn_spellings(texts)}


# ----- restoring the written form -----


def detokenize(tokens: Sequence[str], spacing: Mapping[str, float]) -> str:
    """Join WordPiece tokens: subword pieces glued, a space elsewhere only where the corpus writes one."""
    text = ""
    for index, token in enumerate(tokens):
        if index == 0:
            text = token.removeprefix(SUBWORD)
        elif token.startswith(SUBWORD):
            text += token.removeprefix(SUBWORD)
        else:
            before = tokens[index - 2] if index > 1 else ""
            share = next((spacing[k] for k in _spacing_keys(before, tokens[index - 1], token) if k in spacing), 1.0)
            text += (" " if share >= 0.5 else "") + token
    return text


def input_spellings(name: str, facts: Iterable[str], descriptions: Iterable[str]) -> dict[str, str]:
    """Spellings the model input gives: of the facts and similar files' descriptions (a dotted name such as ".env"
    apart from the word before it, as they write it), and of the name's telling words.

    A name's word tells its spelling when it has capitals past its first letter ("iPhone", "PDF") or accents,
    or is capitalised in a name not written in Title Case throughout ("scan_of_Camille" yes, "Lesson Plan" no).
    """
    found: dict[str, str] = {}
    for text in (*facts, *descriptions):
        for word in WORD.findall(text):
            if word != plain(word):
                found.setdefault(plain(word), word)
        for before, dotfile in SPACED_DOTFILE.findall(text):  # the model joins "override" and ".env": keep them apart
            found.setdefault(plain(before + dotfile), f"{before} {dotfile}")
    words = name_facts(name).words.split()
    title_case = all(w[:1].isupper() or not w[:1].isalpha() for w in words)
    for word in words:
        telling = word[1:] != word[1:].lower() or word.lower() != plain(word) or (word[:1].isupper() and not title_case)
        if telling:
            found[plain(word)] = word
    return found


def restore_case(text: str, source: Mapping[str, str], spelling: Mapping[str, str]) -> str:
    """Each word in the spelling the input gives it, else the corpus's most frequent one (beside a number, its
    form there), else as written."""
    matches = list(WORD.finditer(text))
    words = [m.group() for m in matches]

    def spelled(key: str, index: int) -> str | None:
        if key in source:
            return source[key]
        if beside_number(words, index) and NUMBER_CONTEXT + key in spelling:
            return spelling[NUMBER_CONTEXT + key]
        return spelling.get(key) or ALWAYS_SPELT.get(key)

    pieces, end = [], 0
    for index, match in enumerate(matches):
        word = match.group()
        found = spelled(plain(word), index)
        head, apostrophe, tail = word.partition("'")
        if found is None and apostrophe:  # "doe's": "Doe" and the possessive
            found = (written := spelled(plain(head), index)) and f"{written}'{tail}"
        pieces += [text[end : match.start()], found or word]
        end = match.end()
    return "".join([*pieces, text[end:]])


def written_form(tokens: Sequence[str], spellings: Mapping[str, str], surface: Mapping[str, Mapping]) -> str:
    """A lower-cased model's tokens as the description reads: spaced, and spelt as the input or the corpus does."""
    return restore_case(detokenize(tokens, surface.get("spacing", {})), spellings, surface.get("spelling", {}))
