"""Watching the open folder: watchdog events debounced and coalesced into batches, as Syncthing does.

Events are aggregated per folder for a short quiet time; many children of one folder collapse to a
rescan of that folder, a very large burst to a rescan of everything, and a path that keeps changing
is forced through after a cap. Attribute-only events are dropped: they change nothing the app shows,
and they are what the app's own writes (the user.xdg.comment attribute) produce.
"""
from __future__ import annotations

import ctypes
import errno
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

Clock = Callable[[], float]
WATCH_LIMIT_ERRNOS = (errno.ENOSPC, errno.EMFILE)


@dataclass
class WatchBatch:
    """What changed under the root since the last batch, after coalescing."""

    paths: set[str] = field(default_factory=set)  # files to look at again (created, changed, deleted, moved)
    folders: set[str] = field(default_factory=set)  # folders to rescan: created, deleted, or many children changed
    moves: list[tuple[str, str]] = field(default_factory=list)  # (old, new) in the order they happened
    full: bool = False  # rescan everything under the root


@dataclass
class _Pending:
    """When a pending path was first and last reported."""

    first: float
    last: float

    def due(self, delay: float, max_delay: float) -> float:
        """Quiet for `delay`, or pending for `max_delay` however often it changes."""
        return min(self.last + delay, self.first + max_delay)


def _touch(pending: _Pending | None, now: float) -> _Pending:
    """A pending record updated with an event at `now`."""
    if pending is None:
        return _Pending(now, now)
    pending.last = now
    return pending


def _merged(records: list[_Pending], now: float) -> _Pending:
    """One record standing for several (a collapse keeps the earliest first report)."""
    return _Pending(min((r.first for r in records), default=now), now)


class EventAggregator:
    """Collects reported paths and hands out batches once they are due; safe to feed from any thread."""

    def __init__(self, *, delay: float = 0.2, max_delay: float = 2.0, max_per_folder: int = 100,
                 max_total: int = 1000, clock: Clock = time.monotonic) -> None:
        self.delay = delay
        self.max_delay = max_delay
        self.max_per_folder = max_per_folder
        self.max_total = max_total
        self._clock = clock
        self._lock = threading.Lock()
        self._files: dict[str, dict[str, _Pending]] = {}  # parent folder -> path -> pending
        self._folders: dict[str, _Pending] = {}
        self._full: _Pending | None = None
        self._moves: list[tuple[str, str]] = []

    def _is_empty(self) -> bool:
        return not self._files and not self._folders and self._full is None and not self._moves

    def add_path(self, path: str) -> bool:
        """Report a changed file; True when this made the aggregator non-empty."""
        with self._lock:
            was_empty = self._is_empty()
            self._add_path(path, self._clock())
            return was_empty

    def add_folder(self, folder: str) -> bool:
        """Report a folder whose content must be rescanned; True when this made the aggregator non-empty."""
        with self._lock:
            was_empty = self._is_empty()
            self._add_folder(folder, self._clock())
            return was_empty

    def add_move(self, old: str, new: str) -> bool:
        """Report a rename or move inside the root (both ends are looked at again)."""
        with self._lock:
            was_empty = self._is_empty()
            now = self._clock()
            self._moves.append((old, new))
            self._add_path(old, now)
            self._add_path(new, now)
            return was_empty

    def _add_path(self, path: str, now: float) -> None:
        if self._full is not None:
            self._full.last = now
            return
        parent = os.path.dirname(path)
        if parent in self._folders:
            self._folders[parent].last = now
            return
        children = self._files.setdefault(parent, {})
        children[path] = _touch(children.get(path), now)
        if len(children) > self.max_per_folder:
            self._folders[parent] = _merged(list(children.values()), now)
            del self._files[parent]
        self._collapse_if_too_many(now)

    def _add_folder(self, folder: str, now: float) -> None:
        if self._full is not None:
            self._full.last = now
            return
        self._folders[folder] = _touch(self._folders.get(folder), now)
        self._collapse_if_too_many(now)

    def _collapse_if_too_many(self, now: float) -> None:
        """A very large burst becomes one rescan of everything."""
        count = len(self._folders) + sum(len(children) for children in self._files.values())
        if count <= self.max_total:
            return
        records = list(self._folders.values()) + [p for c in self._files.values() for p in c.values()]
        self._full = _merged(records, now)
        self._files.clear()
        self._folders.clear()

    def seconds_until_due(self) -> float | None:
        """Time until the next batch is due (0 if one is due now), None when nothing is pending."""
        with self._lock:
            dues = [p.due(self.delay, self.max_delay) for p in self._records()]
            if not dues:
                return 0.0 if self._moves else None
            return max(0.0, min(dues) - self._clock())

    def _records(self) -> list[_Pending]:
        records = list(self._folders.values()) + [p for c in self._files.values() for p in c.values()]
        return records + ([self._full] if self._full is not None else [])

    def take_due(self) -> WatchBatch | None:
        """The paths and folders that are due (with every move reported so far), or None."""
        with self._lock:
            now = self._clock()
            batch = WatchBatch(moves=self._moves)
            self._moves = []
            if self._full is not None and self._full.due(self.delay, self.max_delay) <= now:
                self._full = None
                batch.full = True
            batch.folders = self._take_due_from(self._folders, now)
            for parent in list(self._files):
                batch.paths |= self._take_due_from(self._files[parent], now)
                if not self._files[parent]:
                    del self._files[parent]
            if not (batch.full or batch.folders or batch.paths or batch.moves):
                return None
            return batch

    def _take_due_from(self, pending: dict[str, _Pending], now: float) -> set[str]:
        due = {key for key, record in pending.items() if record.due(self.delay, self.max_delay) <= now}
        for key in due:
            del pending[key]
        return due


def is_within(path: str, root: str) -> bool:
    """True when `path` is `root` or lies below it (by path text; no link is resolved)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


class AggregatingHandler(FileSystemEventHandler):
    """Feeds watchdog's events (on watchdog's thread) to an aggregator and calls `on_pending` when idle ended."""

    def __init__(self, root: str, recursive: bool, aggregator: EventAggregator,
                 on_pending: Callable[[], None]) -> None:
        self.root = root
        self.recursive = recursive
        self.aggregator = aggregator
        self.on_pending = on_pending

    def relevant(self, path: str) -> bool:
        """Paths in the root (or, when not recursive, directly in it) and the root itself."""
        if not is_within(path, self.root):
            return False
        return self.recursive or path == self.root or os.path.dirname(path) == self.root

    def on_any_event(self, event: FileSystemEvent) -> None:
        """Translate one event into aggregator calls; events that change nothing shown are dropped."""
        src, dest = os.fsdecode(event.src_path), os.fsdecode(event.dest_path or "")
        if isinstance(event, (FileMovedEvent, DirMovedEvent)):
            became_pending = self._add_move(src, dest, is_folder=isinstance(event, DirMovedEvent))
        elif isinstance(event, (FileCreatedEvent, FileModifiedEvent, FileDeletedEvent)) and self.relevant(src):
            became_pending = self.aggregator.add_path(src)
        elif isinstance(event, (DirCreatedEvent, DirDeletedEvent)) and self.relevant(src):
            became_pending = self.aggregator.add_folder(src)
        else:
            became_pending = False
        if became_pending:
            self.on_pending()

    def _add_move(self, src: str, dest: str, is_folder: bool) -> bool:
        """A move inside the root is remembered (corrections follow it); its shown ends are looked at again."""
        became_pending = False
        if src and dest and is_within(src, self.root) and is_within(dest, self.root):
            became_pending = self.aggregator.add_move(src, dest)
        for path in (p for p in (src, dest) if p and self.relevant(p)):
            add = self.aggregator.add_folder if is_folder else self.aggregator.add_path
            became_pending = add(path) or became_pending
        return became_pending


def is_watch_limit(exc: OSError) -> bool:
    """True for inotify's watch or instance limit (ENOSPC / EMFILE), where polling is the way out."""
    return exc.errno in WATCH_LIMIT_ERRNOS


def uses_inotify(observer: object) -> bool:
    """True for watchdog's Linux observer (the one with a watch limit)."""
    if not sys.platform.startswith("linux"):
        return False
    from watchdog.observers.inotify import InotifyObserver

    return isinstance(observer, InotifyObserver)


def inotify_watch_left(path: str) -> bool:
    """False when the inotify watch limit is reached: a probe watch on `path`, in an instance of its own, is refused."""
    from watchdog.observers.inotify_c import InotifyConstants, inotify_add_watch, inotify_init

    probe = inotify_init()
    if probe < 0:
        return ctypes.get_errno() not in WATCH_LIMIT_ERRNOS
    try:
        return inotify_add_watch(probe, os.fsencode(path), InotifyConstants.IN_ATTRIB) >= 0 or (
            ctypes.get_errno() != errno.ENOSPC)
    finally:
        os.close(probe)


class FolderWatcher:
    """Watches one folder with watchdog's native observer, or by polling once the inotify limit is hit."""

    def __init__(self, root: str, recursive: bool, aggregator: EventAggregator, on_pending: Callable[[], None],
                 *, observer_class: type | None = None, polling_interval: float = 1.0) -> None:
        self.handler = AggregatingHandler(root, recursive, aggregator, on_pending)
        self.observer_class = observer_class or Observer
        self.polling_interval = polling_interval
        self.polling = False
        self._observer = None

    def start(self) -> str | None:
        """Start watching; returns a notice for the user when it had to fall back to polling.

        Watchdog raises when the root cannot be watched, but skips the subfolders of a recursive watch that
        hit the limit without a word: a recursive watch that left no watch to spare is replaced by polling.
        """
        try:
            self._observer = self._started(self.observer_class())
        except OSError as exc:
            if not is_watch_limit(exc):
                raise
            return self._poll(exc.strerror or str(exc))
        if self.handler.recursive and uses_inotify(self._observer) and not inotify_watch_left(self.handler.root):
            self.stop()
            return self._poll("inotify watch limit reached")
        return None

    def _poll(self, reason: str) -> str:
        """Watch by polling; the notice that says so."""
        from watchdog.observers.polling import PollingObserver

        self._observer = self._started(PollingObserver(timeout=self.polling_interval))
        self.polling = True
        return (f"The system's limit of inotify watches is reached ({reason}); this folder is "
                f"checked for changes every {self.polling_interval:g} s instead. Raising "
                "fs.inotify.max_user_watches restores instant updates.")

    def _started(self, observer):
        """Schedule the handler on `observer` and start it; a failed start leaves no thread behind."""
        observer.schedule(self.handler, self.handler.root, recursive=self.handler.recursive)
        try:
            observer.start()
        except OSError:
            observer.unschedule_all()
            raise
        return observer

    def stop(self) -> None:
        """Stop the observer and wait for its thread."""
        if self._observer is not None:
            self._observer.stop()
            if self._observer.is_alive():
                self._observer.join(timeout=5)
            self._observer = None
