"""Extractive answers: the sentences and list items of retrieved passages closest to the question, with code."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

import numpy as np

from core.qa_index import Hit, TextEncoder
from core.qa_text import CODE, FENCE, HEADING, PROSE, markdown_blocks, sentences

MAX_UNITS = 3
MARGIN = 0.1  # units scoring this far below the best one are left out
PASSAGE_WEIGHT = 0.4  # share of the passage's score in a unit's score
MIN_UNIT_WORDS = 4
MAX_CODE_LINES = 15


@dataclass(frozen=True)
class Unit:
    """A sentence or list item of passage `rank` (0-based), `block` being its block's position in the passage."""

    rank: int
    block: int
    text: str


def passage_units(rank: int, text: str) -> list[Unit]:
    """Candidate answer units of one passage: prose sentences and list items, lead-ins ending in ':' left out."""
    units = []
    for position, block in enumerate(markdown_blocks(text)):
        if block.kind in (HEADING, CODE):
            continue
        pieces = sentences(block.text) if block.kind == PROSE else [block.text.removeprefix("- ")]
        units.extend(Unit(rank, position, piece) for piece in pieces
                     if len(piece.split()) >= MIN_UNIT_WORDS and not piece.endswith(":"))
    return units


def choose_units(units: Sequence[Unit], scores: np.ndarray) -> list[Unit]:
    """Up to MAX_UNITS distinct units within MARGIN of the best score, in passage order."""
    chosen: list[Unit] = []
    best = float(scores.max())
    for i in np.argsort(-scores, kind="stable"):
        if len(chosen) == MAX_UNITS or scores[i] < best - MARGIN:
            break
        if all(units[i].text != other.text for other in chosen):
            chosen.append(units[i])
    return sorted(chosen, key=lambda u: (u.rank, u.block))


def code_after(text: str, block: int) -> str | None:
    """The code block that directly follows block `block` of a passage (its first lines), if any."""
    blocks = markdown_blocks(text)
    if block + 1 < len(blocks) and blocks[block + 1].kind == CODE:
        return "\n".join(blocks[block + 1].text.splitlines()[:MAX_CODE_LINES])
    return None


def extract_answer(question_vector: np.ndarray, hits: Sequence[Hit], encoder: TextEncoder) -> str:
    """The best units of the passages, each citing its passage as [n] (1-based rank), code fenced; "" if none."""
    units = [unit for rank, hit in enumerate(hits) for unit in passage_units(rank, hit.passage.text)]
    if not units:
        return ""
    similarity = encoder.encode([unit.text for unit in units]) @ question_vector
    passage_scores = np.array([hits[unit.rank].score for unit in units])
    chosen = choose_units(units, (1 - PASSAGE_WEIGHT) * similarity + PASSAGE_WEIGHT * passage_scores)
    parts: list[str] = []
    for (rank, block), group in groupby(chosen, key=lambda unit: (unit.rank, unit.block)):
        parts.append(" ".join(unit.text for unit in group) + f" [{rank + 1}]")
        code = code_after(hits[rank].passage.text, block)
        if code:
            parts.append(f"{FENCE}\n{code}\n{FENCE}")
    return "\n\n".join(parts)
