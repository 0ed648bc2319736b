"""Annotating files: the user's correction if any, else a cached description, else the model's."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.engine import DescriptionEngine, Progress
from core.store import Store, path_key

CORRECTED, CACHED, GENERATED = "corrected", "cached", "generated"


@dataclass(frozen=True)
class Item:
    """A file to annotate: its path (None for a bare filename) and the filename the model sees."""

    path: str | None
    filename: str


@dataclass(frozen=True)
class Annotation:
    """A description and where it came from (corrected, cached or generated)."""

    item: Item
    description: str
    source: str


class Annotator:
    """Combines the store's corrections and cache with the engine, writing new descriptions back."""

    def __init__(self, engine: DescriptionEngine, store: Store) -> None:
        self.engine = engine
        self.store = store

    def lookup(self, items: Sequence[Item]) -> list[Annotation | None]:
        """Annotations available without running the model (None where the model is needed)."""
        corrected = self.store.corrections_for([i.path for i in items if i.path is not None])
        keys = [self.engine.input_key(i.filename) for i in items]
        cached = self.store.generated(self.engine.fingerprint, list(dict.fromkeys(keys)))
        found: list[Annotation | None] = []
        for item, key in zip(items, keys, strict=True):
            correction = corrected.get(path_key(item.path)) if item.path is not None else None
            if correction is not None:
                found.append(Annotation(item, correction, CORRECTED))
            elif key in cached:
                found.append(Annotation(item, cached[key], CACHED))
            else:
                found.append(None)
        return found

    def generate(self, items: Sequence[Item], progress: Progress | None = None) -> list[Annotation]:
        """Run the model on `items` and cache what it wrote."""
        texts = self.engine.describe([i.filename for i in items], progress)
        fresh = {self.engine.input_key(i.filename): (i.filename, t) for i, t in zip(items, texts, strict=True)}
        self.store.save_generated(self.engine.fingerprint, ((k, f, t) for k, (f, t) in fresh.items()))
        return [Annotation(i, t, GENERATED) for i, t in zip(items, texts, strict=True)]

    def complete(
        self, items: Sequence[Item], found: Sequence[Annotation | None], progress: Progress | None = None
    ) -> list[Annotation]:
        """Fill the gaps of a `lookup` result by running the model on those items only."""
        missing = [item for item, annotation in zip(items, found, strict=True) if annotation is None]
        generated = iter(self.generate(missing, progress) if missing else [])
        return [annotation if annotation is not None else next(generated) for annotation in found]

    def annotate(self, items: Sequence[Item], progress: Progress | None = None) -> list[Annotation]:
        """Annotations for all items, generating only what neither store nor cache has."""
        return self.complete(items, self.lookup(items), progress)
