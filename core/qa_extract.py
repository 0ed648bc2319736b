"""Extractive answers: the sentences and list items of the retrieved passages closest to the question, with code."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from core.qa_index import Hit
from core.qa_text import CODE, FENCE, markdown_blocks

MAX_UNITS = 3
MARGIN = 0.1  # units scoring this far below the best one are left out
PASSAGE_WEIGHT = 0.3  # share of the passage's score in a unit's score: context counts, not only the sentence
MAX_CODE_LINES = 15
CODE_REACH = 2  # code this many blocks after a quoted sentence still illustrates it (past a "for example:")


@dataclass(frozen=True)
class Candidate:
    """A unit of passage `rank` (0-based) with its combined score."""

    rank: int
    block: int
    text: str
    score: float


def candidates(hits: Sequence[Hit]) -> list[Candidate]:
    """Every quotable unit of the hits, scored by its own similarity and its passage's.

    A passage without sentences (only code) is quotable by its code.
    """
    return [Candidate(rank, unit.block, unit.text, (1 - PASSAGE_WEIGHT) * unit.score + PASSAGE_WEIGHT * hit.score)
            for rank, hit in enumerate(hits) for unit in hit.units
            if unit.text or code_after(hit.passage.text, unit.block)]


def choose(found: Sequence[Candidate]) -> list[Candidate]:
    """Up to MAX_UNITS distinct candidates within MARGIN of the best, in passage and reading order."""
    ranked = sorted(found, key=lambda c: -c.score)
    chosen: list[Candidate] = []
    for candidate in ranked:
        if len(chosen) == MAX_UNITS or candidate.score < ranked[0].score - MARGIN:
            break
        if all(candidate.text != other.text for other in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: (c.rank, c.block))


def code_after(text: str, block: int) -> str | None:
    """The first lines of the first code block within CODE_REACH blocks after block `block` of a passage."""
    for following in markdown_blocks(text)[block + 1 : block + 1 + CODE_REACH]:
        if following.kind == CODE:
            return "\n".join(following.text.splitlines()[:MAX_CODE_LINES])
    return None


def extract_answer(hits: Sequence[Hit]) -> str:
    """The best units of the passages, each citing its passage as [n] (1-based rank), code fenced; "" if none."""
    found = candidates(hits)
    if not found:
        return ""
    parts: list[str] = []
    for (rank, block), group in groupby(choose(found), key=lambda c: (c.rank, c.block)):
        text = " ".join(c.text for c in group)
        parts.append(f"{text} [{rank + 1}]" if text else f"Code from [{rank + 1}]:")
        code = code_after(hits[rank].passage.text, block)
        if code:
            parts.append(f"{FENCE}\n{code}\n{FENCE}")
    return "\n\n".join(parts)
