"""Clean cancellation: SIGINT/SIGTERM become a request that long work honours at safe points."""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from core.errors import FileScribeError

CANCEL_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class TrainingCancelled(FileScribeError):
    """Raised where work can stop without leaving anything half-written; its message is for the user."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"cancelled by {signal.Signals(signum).name}")
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """The shell convention for death by a signal: 128 + its number."""
        return 128 + self.signum


class CancelGuard:
    """Catches SIGINT/SIGTERM while active; raises at once, or only at `check()` inside `deferred()`."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self._deferring = False
        self._previous: dict[int, object] = {}

    def __enter__(self) -> CancelGuard:
        if threading.current_thread() is threading.main_thread():
            self._previous = {sig: signal.signal(sig, self._handle) for sig in CANCEL_SIGNALS}
        return self

    def __exit__(self, *exc_info: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        """Remember the request; outside a deferred section stop right away."""
        self.signum = signum
        if not self._deferring:
            raise TrainingCancelled(signum)

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """Within this block a signal only sets the request, which `check()` turns into TrainingCancelled."""
        self._deferring = True
        try:
            yield
        finally:
            self._deferring = False

    def check(self) -> None:
        """Raise TrainingCancelled if a signal arrived."""
        if self.signum is not None:
            raise TrainingCancelled(self.signum)
