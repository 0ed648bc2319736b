"""The two jobs behind a file list: find what the store already knows, and describe the rest in batches.

Only the store is imported up front: the annotator pulls in torch and transformers, which the worker
threads load while the window is already on screen.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from core.store import Store, path_key

if TYPE_CHECKING:
    from core.annotator import Annotator


class Described(NamedTuple):
    """A description found for a path, and where it came from (corrected, cached or generated)."""

    path: str
    description: str
    source: str


def corrections_of(store: Store, paths: Sequence[str]) -> dict[str, str]:
    """The user's corrections of these paths: all that can be shown before a model is loaded."""
    corrected = store.corrections_for(paths)
    return {path: corrected[path_key(path)] for path in paths if path_key(path) in corrected}


def lookup(annotator: Annotator, files: Sequence[tuple[str, str]]) -> tuple[list[Described], list[tuple[str, str]]]:
    """Descriptions the store holds for (path, filename) pairs, and the pairs that need the model."""
    from core.annotator import Item

    found = annotator.lookup([Item(path, filename) for path, filename in files])
    described = [Described(a.item.path, a.description, a.source) for a in found if a is not None]
    missing = [pair for pair, a in zip(files, found, strict=True) if a is None]
    return described, missing


@dataclass
class BatchOutcome:
    """Descriptions by filename (text, source) and the reason for each filename that failed."""

    described: dict[str, tuple[str, str]] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)


def describe_filenames(annotator: Annotator, filenames: Sequence[str], force: bool = False) -> BatchOutcome:
    """Describe distinct filenames: from the cache unless `force`, else with the model in one batch.

    The cache is checked again here because another path may have brought the same name in meanwhile.
    A failing batch is retried name by name, so only the names that really fail are marked failed.
    """
    from core.annotator import Item

    outcome = BatchOutcome()
    items = [Item(None, name) for name in filenames]
    if not force:
        found = annotator.lookup(items)
        outcome.described.update((a.item.filename, (a.description, a.source)) for a in found if a is not None)
        items = [item for item, a in zip(items, found, strict=True) if a is None]
    if not items:
        return outcome
    try:
        generated = annotator.generate(items)
    except Exception as exc:  # noqa: BLE001 - any model failure is shown on the row, never fatal
        if len(items) == 1:
            outcome.failed[items[0].filename] = f"{type(exc).__name__}: {exc}"
            return outcome
        for item in items:
            single = describe_filenames(annotator, [item.filename], force=True)
            outcome.described.update(single.described)
            outcome.failed.update(single.failed)
        return outcome
    outcome.described.update((a.item.filename, (a.description, a.source)) for a in generated)
    return outcome
