"""Remembered model inputs: the engine's own keys, computed once, forgotten when the memory changes."""
from __future__ import annotations

from core.describe.annotator import Annotator, Item
from core.describe.examples import Example
from core.describe.memory import ExampleMemory
from core.store import Store


class KeyCounting:
    """The tiny engine with an example memory of its own, counting the filenames whose keys it computes."""

    def __init__(self, engine, memory) -> None:
        self.engine, self.memory, self.computed = engine, memory, []

    def __getattr__(self, name: str):
        return getattr(self.engine, name)

    def model_inputs(self, filenames):
        self.computed += filenames
        original = self.engine.memory
        self.engine.memory = self.memory
        try:
            return self.engine.model_inputs(filenames)
        finally:
            self.engine.memory = original


def test_keys_are_remembered_until_the_memory_changes(tiny_engine) -> None:
    memory = ExampleMemory(tiny_engine.lexical.dimension)
    engine = KeyCounting(tiny_engine, memory)
    annotator = Annotator(engine, Store.open())
    items = [Item(None, "invoice_2024.pdf"), Item("/r/notes.txt", "notes.txt"), Item(None, "invoice_2024.pdf")]
    first = annotator.keys_of(items)
    assert first == [i.key for i in engine.model_inputs([i.filename for i in items])]
    engine.computed.clear()
    assert annotator.keys_of(items) == first and engine.computed == []
    example = Example("invoice_2023.pdf", "last year's invoice")
    memory.add([example], tiny_engine.lexical.encode(["invoice 2023 pdf"]))
    changed = annotator.keys_of(items)
    assert engine.computed == ["invoice_2024.pdf", "notes.txt"]
    assert changed[0] != first[0]  # the new example is a neighbour: the model input changed
