"""Filenames waiting for a description: new files first, then visible rows, then the rest.

Work is keyed by filename (a description depends on the filename, not the path), so files with the
same name wait for one model call, and a file reported again while its name is in flight joins that
flight. Each filename passes two stages: a cache check (cheap, in large batches) and, if the cache
has nothing, the model (in the model's batch size). At equal priority cache checks go first.
"""
from __future__ import annotations

import heapq
import itertools
import threading
from collections.abc import Iterable
from dataclasses import dataclass

URGENT, VISIBLE, BACKGROUND = 0, 1, 2
CHECK_CACHE, RUN_MODEL = 0, 1


@dataclass
class _Work:
    """One filename, the paths waiting for it, and where it stands in the queue."""

    paths: set[str]
    priority: int
    stage: int
    order: int = 0
    rerun: bool = False  # regenerate was asked while in flight: run the model again afterwards

    def key(self, filename: str) -> tuple[int, int, int, str]:
        return self.priority, self.stage, self.order, filename


@dataclass(frozen=True)
class Job:
    """A filename handed out, and its stage (CHECK_CACHE or RUN_MODEL)."""

    filename: str
    stage: int


class DescriptionQueue:
    """A priority queue of filenames; every method is safe to call from any thread."""

    def __init__(self) -> None:
        self._waiting: dict[str, _Work] = {}
        self._heap: list[tuple[int, int, int, str]] = []  # stale entries are skipped by take()
        self._in_flight: dict[str, _Work] = {}
        self._filename_of: dict[str, str] = {}  # path -> filename, for paths waiting or in flight
        self._counter = itertools.count()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """Filenames waiting (not counting those in flight)."""
        with self._lock:
            return len(self._waiting)

    def _enqueue(self, filename: str, work: _Work) -> None:
        """(Re)insert `work`: urgent and background first come first served, the latest visible rows first."""
        count = next(self._counter)
        work.order = -count if work.priority == VISIBLE else count
        self._waiting[filename] = work
        heapq.heappush(self._heap, work.key(filename))

    def push(self, items: Iterable[tuple[str, str]], priority: int = BACKGROUND, force: bool = False) -> None:
        """Queue (path, filename) pairs; `force` (regenerate) goes straight to the model, after any flight."""
        stage = RUN_MODEL if force else CHECK_CACHE
        with self._lock:
            for path, filename in items:
                self._filename_of[path] = filename
                if filename in self._in_flight:
                    self._in_flight[filename].paths.add(path)
                    self._in_flight[filename].rerun |= force
                    continue
                work = self._waiting.get(filename)
                if work is None:
                    self._enqueue(filename, _Work({path}, priority, stage))
                    continue
                work.paths.add(path)
                self._raise(filename, work, priority, min(stage, work.stage) if not force else RUN_MODEL)

    def _raise(self, filename: str, work: _Work, priority: int, stage: int | None = None) -> None:
        """Move waiting work up to `priority` (never down); visible work moves to the front of its level."""
        stage = work.stage if stage is None else stage
        if priority < work.priority or priority == VISIBLE == work.priority or stage != work.stage:
            work.priority, work.stage = min(priority, work.priority), stage
            self._enqueue(filename, work)

    def prioritize(self, paths: Iterable[str], priority: int = VISIBLE) -> None:
        """Move the work of these paths (the rows on screen) ahead of the background."""
        with self._lock:
            for path in paths:
                filename = self._filename_of.get(path)
                if filename is not None and (work := self._waiting.get(filename)) is not None:
                    self._raise(filename, work, priority)

    def discard(self, paths: Iterable[str]) -> None:
        """Forget paths whose files are gone; a filename no path waits for any more leaves the queue."""
        with self._lock:
            for path in paths:
                filename = self._filename_of.pop(path, None)
                if filename is None:
                    continue
                if filename in self._in_flight:
                    self._in_flight[filename].paths.discard(path)
                work = self._waiting.get(filename)
                if work is not None:
                    work.paths.discard(path)
                    if not work.paths:
                        del self._waiting[filename]

    def clear(self) -> None:
        """Forget all waiting work (another folder was opened); work in flight finishes for no path."""
        with self._lock:
            self._waiting.clear()
            self._heap.clear()
            self._filename_of.clear()
            for work in self._in_flight.values():
                work.paths.clear()

    def take(self, cache_limit: int, model_limit: int) -> list[Job]:
        """The best waiting work: up to `cache_limit` cache checks or `model_limit` model runs, never mixed."""
        with self._lock:
            jobs: list[Job] = []
            level = None
            while self._heap:
                priority, stage, order, filename = self._heap[0]
                work = self._waiting.get(filename)
                if work is None or work.key(filename) != (priority, stage, order, filename):
                    heapq.heappop(self._heap)  # stale: taken, discarded or moved since
                    continue
                if level is not None and (priority, stage) != level:
                    break
                level = priority, stage
                if len(jobs) == (cache_limit if stage == CHECK_CACHE else model_limit):
                    break
                heapq.heappop(self._heap)
                self._in_flight[filename] = self._waiting.pop(filename)
                jobs.append(Job(filename, stage))
            return jobs

    def needs_model(self, filenames: Iterable[str]) -> None:
        """Cache checks that found nothing: back in the queue, at the same priority, for the model."""
        with self._lock:
            for filename in filenames:
                work = self._in_flight.pop(filename, None)
                if work is None or not work.paths:
                    continue
                work.stage, work.rerun = RUN_MODEL, False
                self._enqueue(filename, work)

    def finish(self, filenames: Iterable[str]) -> dict[str, set[str]]:
        """Mark filenames done; returns the paths that were waiting for each (a rerun is queued again)."""
        with self._lock:
            done: dict[str, set[str]] = {}
            for name in filenames:
                work = self._in_flight.pop(name, None)
                done[name] = set() if work is None else set(work.paths)
                if work is not None and work.rerun and work.paths:
                    self._enqueue(name, _Work(work.paths, URGENT, RUN_MODEL))
                    continue
                for path in done[name]:
                    self._filename_of.pop(path, None)
            return done
