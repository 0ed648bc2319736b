"""Annotator: corrections win, cache hits skip the model, corrections re-key look-alikes via the memory; one
request looks corrections up once and builds each prompt once."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import core.describe.engine
from core.describe.annotator import Annotator, Item
from core.describe.engine import GenerationSettings
from core.describe.examples import Example
from core.describe.memory import build_memory
from core.describe.states import CACHED, CORRECTED, GENERATED
from core.store import Store


@pytest.fixture()
def annotator(tiny_engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    store = Store.open(tmp_path / "data")
    monkeypatch.setattr(tiny_engine.lexical, "backing", store)  # as DescriptionEngine(vectors=store) sets its own
    tiny_engine.memory = None
    yield Annotator(tiny_engine, store)
    tiny_engine.memory = None


@pytest.fixture()
def prompt_builds(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often the engine builds the prompt of each filename (a spy on build_prompt)."""
    builds: Counter[str] = Counter()
    build = core.describe.engine.build_prompt

    def counting(filename: str, examples=()) -> str:
        builds[filename] += 1
        return build(filename, examples)

    monkeypatch.setattr(core.describe.engine, "build_prompt", counting)
    return builds


def items(root: Path, *names: str) -> list[Item]:
    return [Item(str(root / name), name) for name in names]


def test_generated_then_cached_then_corrected(annotator: Annotator, tmp_path: Path) -> None:
    files = items(tmp_path, "report.pdf", "photo.jpg")
    assert {a.source for a in annotator.annotate(files)} == {GENERATED}
    assert annotator.lookup(files)[0].source == CACHED
    annotator.save_correction(files[0], "the yearly report")
    first, second = annotator.annotate(files)
    assert (first.source, first.description) == (CORRECTED, "the yearly report")
    assert second.source == CACHED
    annotator.revert_correction(files[0])
    assert annotator.lookup(files)[0].source == CACHED


def test_a_correction_rekeys_only_its_look_alikes(annotator: Annotator, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    engine = annotator.engine
    monkeypatch.setattr(engine, "settings", GenerationSettings(name_copy=0))  # the memory the only copy source
    engine.memory = build_memory(engine.lexical, [Example("holiday_photo.jpg", "a holiday photo")], floor=0.6)
    watched = items(tmp_path, "invoice_march.pdf", "invoice_april.pdf", "holiday_photo_2.jpg")
    annotator.annotate(watched)
    stale = annotator.save_correction(watched[0], "an invoice from a supplier", watched)
    assert [i.filename for i in stale] == ["invoice_april.pdf"]
    assert "an invoice from a supplier" in engine.model_inputs(["invoice_april.pdf"])[0].prompt
    assert annotator.lookup(watched)[1] is None  # its cached description no longer applies
    assert annotator.lookup(watched)[2].source == CACHED
    assert annotator.annotate(watched)[1].description == "an invoice from a supplier"  # copied from the memory
    assert [i.filename for i in annotator.revert_correction(watched[0], watched)] == ["invoice_april.pdf"]
    assert "supplier" not in engine.model_inputs(["invoice_april.pdf"])[0].prompt


def test_vectors_persist_in_the_store(annotator: Annotator, tmp_path: Path, monkeypatch) -> None:
    engine = annotator.engine
    names = [f"unique_name_{i}.txt" for i in range(5)]
    engine.lexical.encode(names)
    engine.lexical._cache.clear()
    calls: list[int] = []
    original = engine.lexical._model.encode
    monkeypatch.setattr(engine.lexical._model, "encode", lambda texts, **kw: calls.append(len(texts))
                        or original(texts, **kw))
    engine.lexical.encode(names)
    assert calls == []
    assert len(annotator.store.vectors(engine.lexical.identity, names)) == 5


def test_a_request_builds_each_prompt_once(annotator: Annotator, tmp_path: Path, prompt_builds: Counter[str]) -> None:
    engine = annotator.engine
    engine.memory = build_memory(engine.lexical, [Example("holiday_photo.jpg", "a holiday photo")])
    files = [*items(tmp_path, "beach_photo.jpg", "report.pdf"), Item(str(tmp_path / "b" / "report.pdf"), "report.pdf")]
    annotator.annotate(files)  # the command line's request: lookup (cache check), then the model for the misses
    assert {name: prompt_builds[name] for name in ("beach_photo.jpg", "report.pdf")} == dict.fromkeys(
        ("beach_photo.jpg", "report.pdf"), 1)
    prompt_builds.clear()
    names = ["scan_0001.jpg", "todo.txt"]
    assert annotator.cached(names) == {}  # the window's request: a cache check, then a model batch
    annotator.generate([Item(None, name) for name in names])
    assert {name: prompt_builds[name] for name in names} == dict.fromkeys(names, 1)


def test_corrections_are_looked_up_once(annotator: Annotator, tmp_path: Path, monkeypatch) -> None:
    store = annotator.store
    files = items(tmp_path, "report.pdf", "photo.jpg")
    store.save_correction(files[0].path, "report.pdf", "the yearly report")
    lookups: list[list[str]] = []
    corrections_for = store.corrections_for
    monkeypatch.setattr(store, "corrections_for", lambda paths: lookups.append(list(paths)) or corrections_for(paths))
    assert [a.source for a in annotator.annotate(files)] == [CORRECTED, GENERATED]
    assert lookups == [[f.path for f in files]]
    annotator.cached(["photo.jpg"])  # the window's cache check: its feed looked the corrections up already
    assert len(lookups) == 1


def test_the_annotator_leaves_the_encoders_store_to_the_engine(tiny_engine, tmp_path: Path) -> None:
    backing = tiny_engine.lexical.backing
    Annotator(tiny_engine, Store.open(tmp_path / "other"))
    assert tiny_engine.lexical.backing is backing


def test_deleting_corrections_by_id_forgets_them_in_the_memory(annotator: Annotator, tmp_path: Path) -> None:
    from core.describe.memory import correction_examples

    engine, store = annotator.engine, annotator.store
    examples = tmp_path / "imported.jsonl"
    examples.write_text('{"filename": "old_budget.xlsx", "file_desc": "last year\'s budget"}\n')
    store.import_corrections(examples)
    engine.memory = build_memory(engine.lexical, correction_examples(store))
    kept, deleted = items(tmp_path, "notes.md", "budget.xlsx")
    annotator.save_correction(kept, "meeting notes")
    annotator.save_correction(deleted, "this year's budget")
    chosen = [c for c in store.corrections() if c.filename != "notes.md"]
    (look_alike,) = items(tmp_path, "budget_2025.xlsx")  # its model input had the budgets as neighbours
    annotator.keys_of([look_alike])
    assert annotator.delete_corrections(chosen, [look_alike]) == [look_alike]
    assert [(c.path, c.description) for c in store.corrections()] == [(kept.path, "meeting notes")]
    assert {(e.filename, e.description) for e in engine.memory.examples} == {("notes.md", "meeting notes")}
