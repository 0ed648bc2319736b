"""One desktop app per data folder: a lock file held for the app's lifetime (the kernel frees it if the app dies).

Two windows on one store would each keep its own view of the corrections and fight over the settings file;
SQLite itself stays consistent either way, so the command-line tools take no lock.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import IO

from core.errors import FileScribeError

LOCK_FILENAME = "filescribe.lock"


class AlreadyRunning(FileScribeError):
    """Another FileScribe window uses this data folder."""


class InstanceLock:
    """An exclusive, non-blocking flock on `<data dir>/filescribe.lock`, which holds the owner's process id."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_FILENAME
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock, or raise AlreadyRunning naming the process that holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            owner = handle.read().strip() or "unknown"
            handle.close()
            raise AlreadyRunning(f"FileScribe is already running with the data folder {self.path.parent} "
                                 f"(process {owner}). Use its window, or close it and start again.") from None
        handle.truncate(0)
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        """Give the lock up (closing the file releases it)."""
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.truncate(0)
            self._handle.close()
            self._handle = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()
