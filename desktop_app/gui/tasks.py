"""Running work off the GUI thread, one task at a time, with results posted back by signal (Picard's run_task)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Report = Callable[[Any], None]


class _Relay(QObject):
    """Lives in the GUI thread, so that signals emitted by the worker are delivered there; a child of its runner,
    so that results still on their way when the runner's window is destroyed are dropped, not delivered to it."""

    progressed = Signal(object)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, on_progress: Callable[[Any], None] | None, on_done: Callable[[Any], None] | None,
                 on_error: Callable[[str], None] | None, forget: Callable[[_Relay], None], parent: QObject) -> None:
        super().__init__(parent)
        self._on_progress, self._on_done, self._on_error, self._forget = on_progress, on_done, on_error, forget
        self.progressed.connect(self._progress)
        self.finished.connect(self._done)
        self.failed.connect(self._error)

    @Slot(object)
    def _progress(self, value: Any) -> None:
        if self._on_progress is not None:
            self._on_progress(value)

    @Slot(object)
    def _done(self, value: Any) -> None:
        self._forget(self)
        if self._on_done is not None:
            self._on_done(value)

    @Slot(str)
    def _error(self, message: str) -> None:
        self._forget(self)
        if self._on_error is not None:
            self._on_error(message)


class _Task(QRunnable):
    """Calls the work on a pool thread and reports through the relay."""

    def __init__(self, work: Callable[..., Any], relay: _Relay, streams: bool) -> None:
        super().__init__()
        self._work, self._relay, self._streams = work, relay, streams

    def run(self) -> None:
        try:
            result = self._work(self._relay.progressed.emit) if self._streams else self._work()
        except Exception as exc:  # a failed task is reported, never takes the app down
            log.exception("background task failed")
            self._relay.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self._relay.finished.emit(result)


class TaskRunner(QObject):
    """A single worker thread: tasks run in the order they were given (scans before their lookups)."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setObjectName(name)
        self._relays: set[_Relay] = set()

    def run(self, work: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[str], None] | None = None) -> None:
        """Run `work()` on the worker; `on_done(result)` or `on_error(message)` then runs on the GUI thread."""
        self._start(work, None, on_done, on_error, streams=False)

    def stream(self, work: Callable[[Report], Any], on_progress: Callable[[Any], None],
               on_done: Callable[[Any], None] | None = None, on_error: Callable[[str], None] | None = None) -> None:
        """Run `work(report)`; every `report(value)` reaches `on_progress(value)` on the GUI thread, in order."""
        self._start(work, on_progress, on_done, on_error, streams=True)

    def _start(self, work, on_progress, on_done, on_error, streams: bool) -> None:
        relay = _Relay(on_progress, on_done, on_error, self._forget, self)
        self._relays.add(relay)
        self._pool.start(_Task(work, relay, streams))

    def _forget(self, relay: _Relay) -> None:
        """A task's result was delivered: its relay is done."""
        self._relays.discard(relay)
        relay.deleteLater()

    def busy(self) -> bool:
        """True while tasks are queued or running, or their results are not delivered yet."""
        return bool(self._relays)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the queued tasks ran (results may still be on their way); for shutdown and tests."""
        return self._pool.waitForDone(msecs)
