"""Annotating files: the user's correction if any, else a cached description, else the model's."""
from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.describe.engine import DescriptionEngine, ModelInput, Progress
from core.describe.examples import Example
from core.describe.memory import CORRECTION_SOURCE
from core.describe.prompts import clean_filename
from core.describe.states import CACHED, CORRECTED, GENERATED, DescriptionState
from core.store import Correction, Store, path_key


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
    source: DescriptionState  # CORRECTED, CACHED or GENERATED


class Annotator:
    """Combines the store's corrections and cache with the engine, writing new descriptions back.

    Each filename's model input (prompt and cache key) is built once and remembered until the example memory
    changes, so that a cache check, the model run after it and a correction's re-check share it.
    """

    def __init__(self, engine: DescriptionEngine, store: Store) -> None:
        self.engine = engine
        self.store = store
        self._inputs: dict[str, ModelInput] = {}
        self._memory_state: str | None = None
        self._lock = threading.Lock()

    def save_correction(self, item: Item, text: str, watched: Sequence[Item] = ()) -> list[Item]:
        """Store the user's description of `item` (durable on return) and teach it to the memory.

        Returns the `watched` items whose model input changed (new neighbours), to be described again.
        """
        return self._changing_inputs(watched, item, lambda: self._replace_correction(item, text))

    def revert_correction(self, item: Item, watched: Sequence[Item] = ()) -> list[Item]:
        """Forget the user's description of `item`; returns the watched items whose model input changed."""
        return self._changing_inputs(watched, item, lambda: self._replace_correction(item, None))

    def delete_corrections(self, corrections: Sequence[Correction], watched: Sequence[Item] = ()) -> list[Item]:
        """Forget these corrections (imported ones too) in the store and in the memory; returns the watched items
        whose model input changed."""
        return self._changing_inputs(watched, None, lambda: self._forget(corrections))

    def _forget(self, corrections: Sequence[Correction]) -> None:
        """Delete corrections by id from the store and their examples from the memory."""
        self.store.delete_corrections(c.id for c in corrections)
        if self.engine.memory is not None:
            for correction in corrections:
                self.engine.memory.remove(correction.filename, correction.description)

    def _replace_correction(self, item: Item, text: str | None) -> None:
        """Swap the correction of `item` (a file: corrections are keyed by path) in the store and in the memory."""
        if item.path is None:
            raise TypeError(f"{item.filename!r} has no path: only a file's description can be corrected")
        old = self.store.corrections_for([item.path]).get(path_key(item.path))
        memory = self.engine.memory
        if text is None:
            self.store.delete_correction(item.path)
        else:
            self.store.save_correction(item.path, item.filename, text)
        if memory is None:
            return
        if old is not None:
            memory.remove(item.filename, old)
        if text is not None:
            vector = self.engine.lexical.encode([clean_filename(item.filename)])
            memory.add([Example(item.filename, text, CORRECTION_SOURCE)], vector, own=True)

    def _changing_inputs(self, watched: Sequence[Item], changed: Item | None,
                         change: Callable[[], None]) -> list[Item]:
        """Run `change`, then list the watched items (other than `changed`) whose input key moved."""
        if self.engine.memory is None:
            change()
            return []
        before = self.keys_of(watched)
        change()
        after = self.keys_of(watched)
        return [w for w, b, a in zip(watched, before, after, strict=True)
                if b != a and (changed is None or w.path != changed.path)]

    def inputs_of(self, filenames: Sequence[str]) -> list[ModelInput]:
        """The engine's model input of each filename; built once per filename and example memory state."""
        with self._lock:
            state = self.engine.memory.signature() if self.engine.memory is not None else None
            if state != self._memory_state:
                self._inputs, self._memory_state = {}, state
            missing = [name for name in dict.fromkeys(filenames) if name not in self._inputs]
            if missing:
                self._inputs.update(zip(missing, self.engine.model_inputs(missing), strict=True))
            return [self._inputs[name] for name in filenames]

    def keys_of(self, items: Sequence[Item]) -> list[str]:
        """The cache key of each item's model input."""
        return [i.key for i in self.inputs_of([item.filename for item in items])]

    def cached(self, filenames: Sequence[str]) -> dict[str, str]:
        """The cache's descriptions of these filenames' current model inputs, by filename (misses left out)."""
        inputs = self.inputs_of(filenames)
        found = self.store.generated(self.engine.fingerprint, list(dict.fromkeys(i.key for i in inputs)))
        return {i.filename: found[i.key] for i in inputs if i.key in found}

    def lookup(self, items: Sequence[Item]) -> list[Annotation | None]:
        """Annotations available without running the model (None where the model is needed): the user's
        corrections, looked up once, then the cache for the other items."""
        corrected = self.store.corrections_for([i.path for i in items if i.path is not None])
        corrections = [corrected.get(path_key(i.path)) if i.path is not None else None for i in items]
        cached = self.cached([i.filename for i, c in zip(items, corrections, strict=True) if c is None])
        found: list[Annotation | None] = []
        for item, correction in zip(items, corrections, strict=True):
            if correction is not None:
                found.append(Annotation(item, correction, CORRECTED))
            elif item.filename in cached:
                found.append(Annotation(item, cached[item.filename], CACHED))
            else:
                found.append(None)
        return found

    def generate(self, items: Sequence[Item], progress: Progress | None = None) -> list[Annotation]:
        """Run the model on `items` (each distinct filename once) and cache what it wrote."""
        inputs = self.inputs_of(list(dict.fromkeys(i.filename for i in items)))
        written = list(zip(inputs, self.engine.describe_inputs(inputs, progress), strict=True))
        self.store.save_generated(self.engine.fingerprint, ((i.key, i.filename, text) for i, text in written))
        by_name = {i.filename: text for i, text in written}
        return [Annotation(item, by_name[item.filename], GENERATED) for item in items]

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
