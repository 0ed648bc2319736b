"""The engine thread: loads the model once (after the window shows), then checks the cache and runs the model
batch by batch, taking work from the description queue; semantic searches run between batches.
"""
from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from core.describe.description_queue import CHECK_CACHE, DescriptionQueue
from core.describe.states import CACHED, GENERATED, DescriptionState
from core.store import Store
from desktop_app.gui.settings import AppSettings

log = logging.getLogger(__name__)

CACHE_BATCH = 256  # cache checks per step (they encode new filenames with MiniLM)
BACKGROUND_NICENESS = 10
EngineFactory = Callable[[AppSettings, Store], Any]


@dataclass(frozen=True)
class EngineInfo:
    """What the status bar says about the loaded model."""

    name: str
    device: str
    notice: str | None


def load_engine(settings: AppSettings, store: Store):
    """The description engine chosen in the settings, with the example memory (corrections + starter corpus).

    Torch gets one core less than the machine has, so that the window stays responsive while it works.
    """
    import torch

    from core.describe.engine import DescriptionEngine
    from core.describe.memory import default_memory

    torch.set_num_threads(max(1, (os.cpu_count() or 1) - 1))
    engine = DescriptionEngine(settings.model_spec, device=settings.device, allow_download=settings.allow_download,
                               vectors=store)
    if settings.use_memory:
        engine.memory = default_memory(engine.lexical, store)
    return engine


def lower_thread_priority() -> None:
    """Run the calling thread at a lower priority, so that the window gets a core at once when it needs one
    (background work, like a file indexer's). Linux sets the niceness per thread."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICENESS)
    else:
        QThread.currentThread().setPriority(QThread.Priority.LowPriority)


class EngineWorker(QObject):
    """Lives on the engine thread; every slot runs there. Results leave by signal as (path, text, source)."""

    ready = Signal(object, object)  # EngineInfo, Annotator
    load_failed = Signal(str)
    described = Signal(object)  # list[tuple[path, description, source]]
    failed = Signal(object)  # list[tuple[path, reason]]
    searched = Signal(str, object)  # query, list[tuple[path, score]]
    search_failed = Signal(str, str)  # query, reason

    def __init__(self, queue: DescriptionQueue, store: Store, factory: EngineFactory) -> None:
        super().__init__()
        self.queue = queue
        self.store = store
        self.factory = factory
        self.annotator = None
        self._index = None
        self._step_pending = False

    @Slot()
    def yield_to_the_window(self) -> None:
        """On the engine thread: run at a lower priority (see `lower_thread_priority`)."""
        lower_thread_priority()

    @Slot(object)
    def load(self, settings: AppSettings) -> None:
        """Load (or replace) the engine; the queue waits meanwhile."""
        from core.describe.annotator import Annotator

        self.annotator, self._index = None, None
        try:
            engine = self.factory(settings, self.store)
        except Exception as exc:  # ModelError, DeviceError, a broken install: all shown to the user
            log.exception("model loading failed")
            self.load_failed.emit(str(exc))
            return
        self.annotator = Annotator(engine, self.store)
        self.ready.emit(EngineInfo(engine.resolved.name, engine.device.type, engine.resolved.notice), self.annotator)
        self.wake()

    @Slot()
    def wake(self) -> None:
        """New work may be queued: make sure a step is scheduled."""
        if self.annotator is not None and not self._step_pending:
            self._step_pending = True
            QTimer.singleShot(0, self._step)

    def _step(self) -> None:
        """One batch; the next is scheduled through the event loop, so that queued slots run in between."""
        self._step_pending = False
        if self.annotator is None:
            return
        jobs = self.queue.take(CACHE_BATCH, self.annotator.engine.batch_size)
        if not jobs:
            return
        names = [job.filename for job in jobs]
        if jobs[0].stage == CHECK_CACHE:
            self._check_cache(names)
        else:
            self._run_model(names)
        self.wake()

    def _check_cache(self, names: list[str]) -> None:
        try:
            found = self.annotator.cached(names)
        except Exception as exc:  # a lookup failure marks the rows failed, the app goes on
            log.exception("cache lookup failed")
            self._emit_failed(self.queue.finish(names), dict.fromkeys(names, f"{type(exc).__name__}: {exc}"))
            return
        self.queue.needs_model(name for name in names if name not in found)
        self._emit_described(self.queue.finish(found), found, CACHED)

    def _run_model(self, names: list[str]) -> None:
        from core.describe.annotation_jobs import describe_filenames

        outcome = describe_filenames(self.annotator, names)
        done = self.queue.finish(names)
        self._emit_described(done, outcome.described, GENERATED)
        self._emit_failed(done, outcome.failed)

    def _emit_described(self, done: dict[str, set[str]], texts: dict[str, str], source: DescriptionState) -> None:
        rows = [(path, texts[name], source) for name, paths in done.items() if name in texts for path in paths]
        if rows:
            self.described.emit(rows)

    def _emit_failed(self, done: dict[str, set[str]], reasons: dict[str, str]) -> None:
        rows = [(path, reasons[name]) for name, paths in done.items() if name in reasons for path in paths]
        if rows:
            self.failed.emit(rows)

    @Slot(str, object)
    def search(self, query: str, texts: dict[str, str]) -> None:
        """Rank the given descriptions (by path) against the query with MiniLM."""
        from core.describe.semantic_index import DescriptionIndex

        try:
            if self._index is None:
                self._index = DescriptionIndex(self._encoder())
            self.searched.emit(query, self._index.rank(query, texts))
        except Exception as exc:  # a failed search is reported, the list stays as it was
            log.exception("semantic search failed")
            self.search_failed.emit(query, str(exc))

    def _encoder(self):
        """The engine's MiniLM when loaded, else a MiniLM of its own."""
        if self.annotator is not None:
            return self.annotator.engine.lexical
        from core.describe.lexical import LexicalEncoder

        return LexicalEncoder()
