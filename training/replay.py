"""Replay: a share of the starter corpus mixed into a fine-tune so the model keeps its general knowledge."""
from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from core.describe.examples import Example, load_examples
from resources import resource_path

REPLAY_SOURCE = "replay"


def starter_split(name: str) -> Path:
    """The shipped starter corpus split `name` (train, valid or test)."""
    return resource_path("data", "starter_splits", f"{name}.jsonl")


def replay_count(share: float, n_own: int, available: int) -> int:
    """How many replayed examples make them `share` of the mixed training set (at most `available`)."""
    if not 0 <= share < 1:
        raise ValueError("the replay share must be at least 0 and below 1")
    return min(available, round(n_own * share / (1 - share)))


def replay_examples(share: float, own: Sequence[Example], held_out: Sequence[Example], seed: int) -> list[Example]:
    """A seeded sample of the starter training split, names in `own` or `held_out` left out."""
    path = starter_split("train")
    if share <= 0 or not path.is_file():
        return []
    taken = {example.filename for example in (*own, *held_out)}
    pool = [e for e in load_examples(path)[0] if e.filename not in taken]
    chosen = random.Random(seed).sample(pool, replay_count(share, len(own), len(pool)))
    return [Example(e.filename, e.description, REPLAY_SOURCE) for e in chosen]
