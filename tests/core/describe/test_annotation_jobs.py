"""Corrections without a model, cache checks by filename, and model batches with isolated failures."""
from __future__ import annotations

import pytest

from core.describe.annotation_jobs import corrections_of, describe_filenames
from core.describe.annotator import Annotator
from core.store import Store


class FlakyEngine:
    """The tiny engine, failing on names that contain 'bad' and counting the names it was given."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.calls: list[str] = []

    def __getattr__(self, name: str):
        return getattr(self.engine, name)

    def describe_inputs(self, inputs, progress=None):
        self.calls += [i.filename for i in inputs]
        if any("bad" in i.filename for i in inputs):
            raise RuntimeError("the model choked")
        return self.engine.describe_inputs(inputs, progress)


@pytest.fixture()
def annotator(tiny_engine) -> Annotator:
    return Annotator(FlakyEngine(tiny_engine), Store.open())


def test_corrections_are_found_without_a_model(tmp_path) -> None:
    store = Store.open()
    store.save_correction(tmp_path / "a.txt", "a.txt", "mine")
    paths = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert corrections_of(store, paths) == {paths[0]: "mine"}


def test_the_model_runs_once_then_the_cache_answers(annotator: Annotator) -> None:
    assert annotator.cached(["a.txt", "b.txt"]) == {}
    first = describe_filenames(annotator, ["a.txt", "b.txt"])
    assert set(first.described) == {"a.txt", "b.txt"} and not first.failed
    assert annotator.cached(["a.txt", "c.txt"]) == {"a.txt": first.described["a.txt"]}
    assert annotator.engine.calls == ["a.txt", "b.txt"]


def test_only_the_failing_names_of_a_batch_fail(annotator: Annotator) -> None:
    outcome = describe_filenames(annotator, ["good.txt", "bad.txt", "fine.md"])
    assert set(outcome.described) == {"good.txt", "fine.md"}
    assert outcome.failed == {"bad.txt": "RuntimeError: the model choked"}
