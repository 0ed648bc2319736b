"""Where a file's description stands: the one set of states that the annotator, the engine thread and the
table share (waiting or failed, or the source of the description shown)."""
from __future__ import annotations

from enum import Enum


class DescriptionState(str, Enum):
    """A file's description state; a str, so that it prints, compares and serialises as its value."""

    WAITING = "waiting"  # asked for, not found yet
    FAILED = "failed"  # the model could not describe it
    CACHED = "cached"  # written by the model earlier, found in the store's cache
    GENERATED = "generated"  # written by the model for this request
    CORRECTED = "corrected"  # the user's own description: always wins

    def __str__(self) -> str:
        return self.value


WAITING = DescriptionState.WAITING
FAILED = DescriptionState.FAILED
CACHED = DescriptionState.CACHED
GENERATED = DescriptionState.GENERATED
CORRECTED = DescriptionState.CORRECTED
DESCRIBED = frozenset({CACHED, GENERATED, CORRECTED})  # the states that show a description
