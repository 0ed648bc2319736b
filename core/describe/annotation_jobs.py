"""The two jobs behind a file list: find the user's corrections, and describe the rest in batches (the
cache check between them is `Annotator.cached`).

Only the store is imported up front: the annotator pulls in torch and transformers, which the worker
threads load while the window is already on screen.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.store import Store, path_key

if TYPE_CHECKING:
    from core.describe.annotator import Annotator


def corrections_of(store: Store, paths: Sequence[str]) -> dict[str, str]:
    """The user's corrections of these paths: all that can be shown before a model is loaded."""
    corrected = store.corrections_for(paths)
    return {path: corrected[path_key(path)] for path in paths if path_key(path) in corrected}


@dataclass
class BatchOutcome:
    """Descriptions by filename and the reason for each filename that failed."""

    described: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)


def describe_filenames(annotator: Annotator, filenames: Sequence[str]) -> BatchOutcome:
    """Run the model on distinct filenames in one batch, caching what it writes.

    A failing batch is retried name by name, so only the names that really fail are marked failed.
    """
    from core.describe.annotator import Item

    outcome = BatchOutcome()
    try:
        generated = annotator.generate([Item(None, name) for name in filenames])
    except Exception as exc:  # noqa: BLE001 - any model failure is shown on the row, never fatal
        if len(filenames) == 1:
            outcome.failed[filenames[0]] = f"{type(exc).__name__}: {exc}"
            return outcome
        for name in filenames:
            single = describe_filenames(annotator, [name])
            outcome.described.update(single.described)
            outcome.failed.update(single.failed)
        return outcome
    outcome.described.update((a.item.filename, a.description) for a in generated)
    return outcome
