"""Corrections follow their files: renames and moves inside the watched folder carry them along."""
from __future__ import annotations

import os
from collections.abc import Sequence

from core.files.scanner import display_name
from core.files.watcher import is_within
from core.store import Store


def carry_corrections(store: Store, moves: Sequence[tuple[str, str]]) -> list[str]:
    """Apply moves (files, or folders with everything below) to the store's corrections, in order.

    Returns the new paths of the corrections that moved.
    """
    if not moves:
        return []
    known = {c.path for c in store.corrections() if c.path is not None}
    moved: list[str] = []
    for old, new in moves:
        for path in [p for p in known if is_within(p, old)]:
            target = new + path[len(old):]
            if store.move_correction(path, target, display_name(os.path.basename(target))):
                known.discard(path)
                known.add(target)
                moved.append(target)
    return moved
