"""Clean cancellation: SIGINT/SIGTERM, or a request file appearing, become a request that long work honours at
safe points.

The request file is how the desktop app cancels on every platform (Windows delivers no SIGTERM to a console
process): a thread polls for it and delivers it to the main thread exactly as SIGTERM would arrive.
"""
from __future__ import annotations

import _thread
import argparse
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from core.errors import FileScribeError

CANCEL_SIGNALS = (signal.SIGINT, signal.SIGTERM)
REQUEST_POLL_SECONDS = 0.2


def add_cancel_option(parser: argparse.ArgumentParser) -> None:
    """--cancel-file: how the app cancels a run on every platform (Windows sends console processes no SIGTERM)."""
    parser.add_argument("--cancel-file", type=Path, metavar="PATH",
                        help="stop cleanly, as on SIGTERM, as soon as this file exists (checked every 0.2 s)")


class TrainingCancelled(FileScribeError):
    """Raised where work can stop without leaving anything half-written; its message is for the user."""

    def __init__(self, signum: int, requested: bool = False) -> None:
        super().__init__("cancelled on request" if requested else f"cancelled by {signal.Signals(signum).name}")
        self.signum = signum
        self.requested = requested

    @property
    def exit_code(self) -> int:
        """The shell convention for death by a signal: 128 + its number (a request counts as SIGTERM)."""
        return 128 + self.signum


class CancelGuard:
    """Catches SIGINT/SIGTERM (and watches `request_file`) while active; raises at once, or only at `check()`
    inside `deferred()`."""

    def __init__(self, request_file: Path | None = None) -> None:
        self.signum: int | None = None
        self.requested = False
        self.request_file = request_file
        self._deferring = False
        self._previous: dict[int, object] = {}
        self._stop_watching = threading.Event()
        self._watcher: threading.Thread | None = None

    def __enter__(self) -> CancelGuard:
        if self.request_file is not None and self.request_file.exists():  # asked already: stop before any work
            raise TrainingCancelled(signal.SIGTERM, requested=True)
        if threading.current_thread() is threading.main_thread():
            self._previous = {sig: signal.signal(sig, self._handle) for sig in CANCEL_SIGNALS}
        if self.request_file is not None:
            self._watcher = threading.Thread(target=self._watch, name="cancel-request", daemon=True)
            self._watcher.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._deferring = True  # a request delivered while leaving must not raise out of the `with`
        self._stop_watching.set()
        if self._watcher is not None:
            self._watcher.join()
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        """Remember the request; outside a deferred section stop right away."""
        self.signum = signum
        if not self._deferring:
            raise TrainingCancelled(signum, self.requested)

    def _watch(self) -> None:
        """Poll for the request file (one there already counts); once it exists, deliver it to the main thread as
        SIGTERM would arrive."""
        while not self.request_file.exists():
            if self._stop_watching.wait(REQUEST_POLL_SECONDS):
                return
        self.requested = True
        if self._previous:  # our handler is installed: it runs in the main thread, like a signal's
            _thread.interrupt_main(signal.SIGTERM)
        else:
            self.signum = signal.SIGTERM

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """Within this block a signal only sets the request, which `check()` turns into TrainingCancelled."""
        self._deferring = True
        try:
            yield
        finally:
            self._deferring = False

    def check(self) -> None:
        """Raise TrainingCancelled if a signal or the request arrived (the file is looked at too, not only polled)."""
        if self.signum is None and self.request_file is not None and self.request_file.exists():
            self.requested, self.signum = True, signal.SIGTERM
        if self.signum is not None:
            raise TrainingCancelled(self.signum, self.requested)
