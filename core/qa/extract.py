"""Extractive answers: the sentences and list items of the retrieved passages closest to the question, with code."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.qa.index import Hit
from core.qa.text import CODE, CONTINUED, FENCE, HEADING, HEADING_SEPARATOR, markdown_blocks

MAX_UNITS = 3  # each from a different passage, so that an answer gathers several sources
MARGIN = 0.1  # units scoring this far below the best one are left out
PASSAGE_WEIGHT = 0.3  # share of the passage's score in a unit's score: context counts, not only the sentence
MAX_LEAD_WORDS = 30  # a passage's first sentence is quoted before its best one when this short
MAX_CODE_LINES = 15
_SIGNATURE = re.compile(r"^[\w.]+\(.*[^.]$")  # starts like a call, is no sentence
CODE_REACH = 2  # code this many blocks after a quoted sentence still illustrates it (past a "for example:")


@dataclass(frozen=True)
class Candidate:
    """A unit of passage `rank` (0-based) with its combined score, and the passage's first sentence."""

    rank: int
    block: int
    text: str
    score: float
    lead: str = ""


def candidates(hits: Sequence[Hit]) -> list[Candidate]:
    """Every quotable unit of the hits, scored by its own similarity and its passage's.

    A passage without sentences (only code) is quotable by its code; signatures ("f(x) -> int") are not quoted.
    """
    found = []
    for rank, hit in enumerate(hits):
        lead = summary(hit)
        for unit in hit.units:
            if is_signature(unit.text):
                continue
            if unit.text or code_after(hit.passage.text, unit.block):
                score = (1 - PASSAGE_WEIGHT) * unit.score + PASSAGE_WEIGHT * hit.score
                found.append(Candidate(rank, unit.block, unit.text, score, lead))
    return found


def summary(hit: Hit) -> str:
    """The first sentence (not a signature) of a passage that starts its document or section."""
    heading = label(hit.passage.text, keep_continued=True)
    first = next((unit.text for unit in hit.units if unit.text and not is_signature(unit.text)), "")
    return "" if heading.endswith(CONTINUED) else first


def is_signature(text: str) -> bool:
    """True for a call signature such as "S.index(sub[, start[, end]]) -> int" or "sort(*, key=None)"."""
    return bool(_SIGNATURE.match(text))


def choose(found: Sequence[Candidate]) -> list[Candidate]:
    """The best candidate of each passage, up to MAX_UNITS within MARGIN of the best, in passage order.

    A text already chosen from another passage (docs repeat themselves) is not quoted twice.
    """
    best = max(c.score for c in found)
    chosen: dict[int, Candidate] = {}
    for candidate in sorted(found, key=lambda c: -c.score):
        if len(chosen) == MAX_UNITS or candidate.score < best - MARGIN:
            break
        repeated = candidate.text and any(candidate.text in quote(c) for c in chosen.values())
        if candidate.rank not in chosen and not repeated:
            chosen[candidate.rank] = candidate
    return [chosen[rank] for rank in sorted(chosen)]


def quote(candidate: Candidate) -> str:
    """The candidate's text, after its passage's first sentence when that one is short and says something else."""
    if candidate.lead and candidate.lead != candidate.text and len(candidate.lead.split()) <= MAX_LEAD_WORDS:
        return f"{candidate.lead} {candidate.text}".strip()
    return candidate.text


def code_after(text: str, block: int) -> str | None:
    """The first lines of the first code block within CODE_REACH blocks after block `block` of a passage."""
    for following in markdown_blocks(text)[block + 1 : block + 1 + CODE_REACH]:
        if following.kind == CODE:
            return "\n".join(following.text.splitlines()[:MAX_CODE_LINES])
    return None


def label(text: str, keep_continued: bool = False) -> str:
    """What a passage is about, from its heading: `list.remove`, or the last section of a path ("Tuples")."""
    blocks = markdown_blocks(text)
    if not blocks or blocks[0].kind != HEADING:
        return ""
    name = blocks[0].text.split(f" {HEADING_SEPARATOR} ")[-1]
    return name if keep_continued else name.removesuffix(CONTINUED)


def extract_answer(hits: Sequence[Hit]) -> str:
    """One quote of each of the best passages ("label: sentences [n]", n its 1-based rank), code fenced."""
    found = candidates(hits)
    if not found:
        return ""
    parts: list[str] = []
    for candidate in choose(found):
        passage = hits[candidate.rank].passage.text
        name, text = label(passage), quote(candidate) or "(code)"
        separator = " " if name.endswith(("?", ".", "!", ":")) else ": "  # a question title needs no colon
        parts.append(f"{name}{separator}{text} [{candidate.rank + 1}]" if name else f"{text} [{candidate.rank + 1}]")
        code = code_after(passage, candidate.block)
        if code:
            parts.append(f"{FENCE}\n{code}\n{FENCE}")
    return "\n\n".join(parts)
