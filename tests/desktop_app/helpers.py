"""Helpers of the desktop tests: a model-call counter and waits on the window."""
from __future__ import annotations

import threading

LIVE_TIMEOUT_MS = 10_000


class CountingEngine:
    """The real tiny engine; every filename it is asked to describe is recorded."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.calls: list[str] = []
        self._lock = threading.Lock()

    def __getattr__(self, name: str):
        return getattr(self.engine, name)

    def describe_inputs(self, inputs, progress=None):
        with self._lock:
            self.calls.extend(i.filename for i in inputs)
        return self.engine.describe_inputs(inputs, progress)


def names_of(window) -> dict[str, object]:
    """The window's rows by display name."""
    model = window.files.model
    return {model.row_at(n).entry.relative: model.row_at(n) for n in range(model.rowCount())}


def described(window, name: str) -> bool:
    """True once the row of `name` shows a description."""
    from core.describe.states import DESCRIBED

    row = names_of(window).get(name)
    return row is not None and row.state in DESCRIBED


def settle(qtbot, window, timeout: int = LIVE_TIMEOUT_MS) -> None:
    """Wait until the window has nothing left to do."""
    qtbot.waitUntil(window.is_settled, timeout=timeout)
