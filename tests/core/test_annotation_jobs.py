"""Lookups before and after the model is loaded, batches from the cache, and isolated failures."""
from __future__ import annotations

import pytest

from core.annotation_jobs import Described, corrections_of, describe_filenames, lookup
from core.annotator import Annotator, Item
from core.store import Store


class FlakyEngine:
    """The tiny engine, failing on names that contain 'bad' and counting the names it was given."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.calls: list[str] = []

    def __getattr__(self, name: str):
        return getattr(self.engine, name)

    def describe(self, filenames, progress=None):
        self.calls += filenames
        if any("bad" in name for name in filenames):
            raise RuntimeError("the model choked")
        return self.engine.describe(filenames, progress)


@pytest.fixture()
def annotator(tiny_engine) -> Annotator:
    return Annotator(FlakyEngine(tiny_engine), Store.open())


def test_corrections_are_found_without_a_model(tmp_path) -> None:
    store = Store.open()
    store.save_correction(tmp_path / "a.txt", "a.txt", "mine")
    paths = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert corrections_of(store, paths) == {paths[0]: "mine"}


def test_lookup_splits_known_from_missing(annotator: Annotator, tmp_path) -> None:
    annotator.store.save_correction(tmp_path / "a.txt", "a.txt", "mine")
    annotator.generate([Item(None, "cached.md")])
    files = [(str(tmp_path / "a.txt"), "a.txt"), (str(tmp_path / "cached.md"), "cached.md"), (str(tmp_path / "n"), "n")]
    found, missing = lookup(annotator, files)
    assert [(d.path, d.source) for d in found] == [(str(tmp_path / "a.txt"), "corrected"),
                                                   (str(tmp_path / "cached.md"), "cached")]
    assert isinstance(found[0], Described) and missing == [(str(tmp_path / "n"), "n")]


def test_a_batch_uses_the_cache_then_the_model_once(annotator: Annotator) -> None:
    first = describe_filenames(annotator, ["a.txt", "b.txt"])
    assert {source for _, source in first.described.values()} == {"generated"}
    again = describe_filenames(annotator, ["a.txt", "b.txt", "c.txt"])
    assert again.described["a.txt"] == (first.described["a.txt"][0], "cached")
    assert annotator.engine.calls == ["a.txt", "b.txt", "c.txt"]
    forced = describe_filenames(annotator, ["a.txt"], force=True)
    assert forced.described["a.txt"][1] == "generated"


def test_only_the_failing_names_of_a_batch_fail(annotator: Annotator) -> None:
    outcome = describe_filenames(annotator, ["good.txt", "bad.txt", "fine.md"])
    assert set(outcome.described) == {"good.txt", "fine.md"}
    assert outcome.failed == {"bad.txt": "RuntimeError: the model choked"}
