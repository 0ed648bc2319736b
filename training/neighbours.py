"""Similar examples for training prompts: drawn from the training pool, never the example itself.

Training inputs take the shape the app gives them with a memory (core.describe.prompts.build_prompt with
neighbours), so the model learns to use similar corrections; a share of examples gets none, so the
model still describes files well with an empty memory.
"""
from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

from core.describe.memory import DEFAULT_FLOOR, DEFAULT_K, ExampleMemory

if TYPE_CHECKING:
    import numpy as np

    from core.describe.examples import Example

Pairs = list[tuple[str, str]]


def pool_memory(pool: Sequence[Example], vectors: np.ndarray, k: int = DEFAULT_K,
                floor: float = DEFAULT_FLOOR) -> ExampleMemory:
    """A memory of the training pool (row i of `vectors` is example i's filename vector)."""
    memory = ExampleMemory(vectors.shape[1], k=k, floor=floor)
    memory.add(pool, vectors)
    return memory


def example_neighbours(
    examples: Sequence[Example], vectors: np.ndarray, memory: ExampleMemory, *,
    empty_share: float = 0.0, seed: int = 0,
) -> list[Pairs]:
    """(filename, description) neighbours of each example, itself excluded; a seeded `empty_share` gets none."""
    found = memory.neighbours(vectors, [e.filename for e in examples], exclude=list(examples))
    emptied = set(random.Random(seed).sample(range(len(examples)), round(len(examples) * empty_share)))
    return [[] if index in emptied else [(n.filename, n.description) for n in near]
            for index, near in enumerate(found)]


def share_with_neighbours(neighbours: Sequence[Pairs]) -> float:
    """The share of examples whose prompt carries at least one neighbour."""
    return sum(1 for pairs in neighbours if pairs) / max(1, len(neighbours))
