"""The record every corpus source yields: a filename, its description, the source and the group it splits by."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Record:
    """One filename -> description pair and where it came from."""

    filename: str
    file_desc: str
    source: str
    group: str
