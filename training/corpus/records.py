"""The record every corpus source yields: a filename, its description, the source and the group it splits by."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

BUCKETS = 10  # generated examples of one kind are spread over this many groups


@dataclass(frozen=True)
class Record:
    """One filename -> description pair and where it came from."""

    filename: str
    file_desc: str
    source: str
    group: str


def in_buckets(records: Sequence[Record]) -> list[Record]:
    """Generated records with their group split into BUCKETS groups, so that a split by group gives every split
    some examples of every kind (a whole kind, such as all music, never lands in the validation split alone)."""
    return [replace(record, group=f"{record.group}#{index % BUCKETS}") for index, record in enumerate(records)]
