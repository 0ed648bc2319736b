"""`--screenshot`: wait until the window has nothing left to do, then save a picture of it."""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

POLL_MS = 100
SETTLE_MS = 300  # let the last repaint happen after the last description arrived


class SettledShot(QObject):
    """Polls `settled()`; once true (or after the timeout) grabs `window` into `target` and calls `done(ok)`."""

    def __init__(self, window: QWidget, settled: Callable[[], bool], target: Path, timeout: float,
                 done: Callable[[bool], None]) -> None:
        super().__init__(window)
        self.window, self.settled, self.target, self.done = window, settled, target, done
        self.deadline = time.monotonic() + timeout
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._poll)
        self._timer.start(POLL_MS)

    def _poll(self) -> None:
        timed_out = time.monotonic() > self.deadline
        if self.settled() or timed_out:
            self._timer.stop()
            QTimer.singleShot(SETTLE_MS, lambda: self._save(not timed_out))

    def _save(self, ok: bool) -> None:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        saved = self.window.grab().save(str(self.target))
        self.done(ok and saved)
