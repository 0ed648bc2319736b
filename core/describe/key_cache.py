"""An annotator that remembers the model-input keys of filenames while the example memory stays the same.

A key depends on the filename and, with the example memory on, on its nearest examples: finding those is
most of a cache check. Remembered keys make a folder opened again (or refreshed) cost only a store read.
"""
from __future__ import annotations

import threading
from collections.abc import Sequence

from core.describe.annotator import Annotator, Item


class KeyCachingAnnotator(Annotator):
    """The annotator, with `keys_of` answered from memory until the example memory changes."""

    def __init__(self, engine, store) -> None:
        super().__init__(engine, store)
        self._keys: dict[str, str] = {}
        self._memory_state: str | None = None
        self._lock = threading.Lock()

    def keys_of(self, items: Sequence[Item]) -> list[str]:
        """The engine's input key of each item; computed once per filename and memory state."""
        names = [item.filename for item in items]
        with self._lock:
            state = self.engine.memory.signature() if self.engine.memory is not None else None
            if state != self._memory_state:
                self._keys, self._memory_state = {}, state
            missing = [name for name in dict.fromkeys(names) if name not in self._keys]
            if missing:
                self._keys.update(zip(missing, self.engine.input_keys(missing), strict=True))
            return [self._keys[name] for name in names]
