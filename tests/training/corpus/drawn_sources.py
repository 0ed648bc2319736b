"""The shape shared by the generators that give fixed names and then drawn ones (config files, app code)."""
from __future__ import annotations

from collections.abc import Callable

from training.corpus.everyday import SOURCE
from training.corpus.projects import FIXED
from training.corpus.records import Record


def assert_fixed_then_drawn(records_of: Callable[[int], list[Record]], fixed: list[Record], drawn: int) -> None:
    """`records_of(seed)` is deterministic, its fixed names first (to train, as project names), then `drawn`
    everyday records from a random stream of the seed's own."""
    records = records_of(0)
    assert records == records_of(0) and records != records_of(1)
    assert records[: len(fixed)] == fixed and all(r.source == FIXED for r in fixed)
    assert len(records) == len(fixed) + drawn and all(r.source == SOURCE for r in records[len(fixed):])
