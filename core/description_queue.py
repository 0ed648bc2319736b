"""Filenames waiting for the model: new files first, then visible rows, then the rest; each handed out once.

Work is keyed by filename (a description depends on the filename, not the path), so two files with the
same name wait for one model call, and a file reported again while its name is being described joins
that call instead of queueing a second one.
"""
from __future__ import annotations

import heapq
import itertools
import threading
from collections.abc import Iterable
from dataclasses import dataclass

URGENT, VISIBLE, BACKGROUND = 0, 1, 2


@dataclass
class _Waiting:
    """One filename waiting for the model, and the paths that wait for it."""

    paths: set[str]
    priority: int
    order: int
    force: bool = False


@dataclass(frozen=True)
class Job:
    """A filename handed to the model; `force` skips the cache (the user asked to regenerate)."""

    filename: str
    force: bool = False


class DescriptionQueue:
    """A priority queue of filenames; every method is safe to call from any thread."""

    def __init__(self) -> None:
        self._waiting: dict[str, _Waiting] = {}
        self._heap: list[tuple[int, int, str]] = []  # (priority, order, filename); stale entries skipped
        self._in_flight: dict[str, set[str]] = {}  # filename -> paths waiting for it
        self._filename_of: dict[str, str] = {}  # path -> filename, for paths waiting or in flight
        self._counter = itertools.count()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """Filenames waiting (not counting those being described)."""
        with self._lock:
            return len(self._waiting)

    def _order(self, priority: int) -> int:
        """Urgent and background work is first come, first served; the latest visible rows go first."""
        count = next(self._counter)
        return -count if priority == VISIBLE else count

    def push(self, items: Iterable[tuple[str, str]], priority: int = BACKGROUND, force: bool = False) -> None:
        """Queue (path, filename) pairs; a filename already queued or in flight is not queued twice."""
        with self._lock:
            for path, filename in items:
                self._filename_of[path] = filename
                if filename in self._in_flight and not force:
                    self._in_flight[filename].add(path)
                    continue
                waiting = self._waiting.get(filename)
                if waiting is None:
                    waiting = self._waiting[filename] = _Waiting({path}, priority, self._order(priority), force)
                    heapq.heappush(self._heap, (priority, waiting.order, filename))
                    continue
                waiting.paths.add(path)
                waiting.force |= force
                self._raise(filename, waiting, priority)

    def _raise(self, filename: str, waiting: _Waiting, priority: int) -> None:
        """Move waiting work up to `priority` (never down); stale heap entries are skipped by take()."""
        if priority < waiting.priority or (priority == VISIBLE == waiting.priority):
            waiting.priority, waiting.order = priority, self._order(priority)
            heapq.heappush(self._heap, (priority, waiting.order, filename))

    def prioritize(self, paths: Iterable[str], priority: int = VISIBLE) -> None:
        """Move the work of these paths (the rows on screen) ahead of the background."""
        with self._lock:
            for path in paths:
                filename = self._filename_of.get(path)
                waiting = self._waiting.get(filename) if filename is not None else None
                if waiting is not None:
                    self._raise(filename, waiting, priority)

    def discard(self, paths: Iterable[str]) -> None:
        """Forget paths whose files are gone; a filename no path waits for any more leaves the queue."""
        with self._lock:
            for path in paths:
                filename = self._filename_of.pop(path, None)
                if filename is None:
                    continue
                self._in_flight.get(filename, set()).discard(path)
                waiting = self._waiting.get(filename)
                if waiting is not None:
                    waiting.paths.discard(path)
                    if not waiting.paths:
                        del self._waiting[filename]

    def clear(self) -> None:
        """Forget all waiting work (another folder was opened); work in flight finishes on its own."""
        with self._lock:
            self._waiting.clear()
            self._heap.clear()
            self._filename_of.clear()
            for paths in self._in_flight.values():
                paths.clear()

    def take(self, limit: int) -> list[Job]:
        """Up to `limit` filenames of the best waiting priority (never mixed with lower ones)."""
        with self._lock:
            jobs: list[Job] = []
            level = None
            while self._heap and len(jobs) < limit:
                priority, order, filename = self._heap[0]
                waiting = self._waiting.get(filename)
                if waiting is None or (waiting.priority, waiting.order) != (priority, order):
                    heapq.heappop(self._heap)  # stale: taken, discarded or raised since
                    continue
                if level is not None and priority != level:
                    break
                level = priority
                heapq.heappop(self._heap)
                del self._waiting[filename]
                self._in_flight.setdefault(filename, set()).update(waiting.paths)
                jobs.append(Job(filename, waiting.force))
            return jobs

    def finish(self, filenames: Iterable[str]) -> dict[str, set[str]]:
        """Mark described filenames done; returns the paths that were waiting for each."""
        with self._lock:
            done = {name: self._in_flight.pop(name, set()) for name in filenames}
            for paths in done.values():
                for path in paths:
                    if self._filename_of.get(path) is not None and self._filename_of[path] not in self._waiting:
                        del self._filename_of[path]
            return done
