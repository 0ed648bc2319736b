"""The Q&A thread: opens the Q&A engine (model, then the index, built with progress on first use) and answers
questions one at a time. Every request carries a threading.Event that the window sets to cancel it.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop_app.gui.files.worker import lower_thread_priority
from desktop_app.gui.settings import AppSettings

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
QAFactory = Callable[[Any, Progress, threading.Event], Any]  # (QAOptions, progress, stop) -> QAEngine


def open_engine(options: Any, progress: Progress, stop: threading.Event) -> Any:
    """The real engine: QAEngine.open, building the index with `progress` unless `stop` is set."""
    from core.qa.answerer import QAEngine

    return QAEngine.open(options, progress=progress, stop=stop)


@dataclass(frozen=True)
class QAStatus:
    """What the panel says about the opened engine: how it answers, with which model, and its notices."""

    mode: str
    model: str | None
    notices: list[str]


class QAWorker(QObject):
    """Lives on the Q&A thread; its slots run there, in the order they were requested."""

    progressed = Signal(int, int)  # units encoded, total (only while the index is built)
    opened = Signal(object)  # QAStatus
    answered = Signal(int, object)  # request id, Answer
    failed = Signal(int, str)  # request id, reason
    cancelled = Signal(int)  # request id

    def __init__(self, factory: QAFactory) -> None:
        super().__init__()
        self.factory = factory
        self.engine: Any = None
        self.open_error = "The Q&A engine is not open."

    @Slot()
    def lower_priority(self) -> None:
        """On the Q&A thread: background priority, so that the window stays responsive."""
        lower_thread_priority()

    @Slot(object, object, object)
    def open(self, settings: AppSettings, data_files: Sequence[Path], stop: threading.Event) -> None:
        """(Re)open the engine for these settings and imported Q&A files; a failure is told by the next answer."""
        from core.qa.answerer import QAOptions

        self.engine = None
        options = QAOptions(settings.qa_model_spec, device=settings.device, allow_download=settings.allow_download,
                            data_files=list(data_files))
        try:
            self.engine = self.factory(options, self.progressed.emit, stop)
        except Exception as exc:  # a missing model, a cancelled build: told to the user, never fatal
            if not stop.is_set():
                log.exception("opening the Q&A engine failed")
            self.open_error = str(exc)
            return
        self.opened.emit(QAStatus(self.engine.mode, self.engine.model.name if self.engine.model else None,
                                  list(self.engine.notices)))

    @Slot(int, str, int, object)
    def ask(self, request: int, question: str, k: int, stop: threading.Event) -> None:
        """Answer `question` from `k` passages; the result leaves by `answered`, `failed` or `cancelled`."""
        from core.qa.index import Cancelled

        if stop.is_set():
            self.cancelled.emit(request)
            return
        if self.engine is None:
            self.failed.emit(request, self.open_error)
            return
        try:
            answer = self.engine.ask(question, k=k, stop=stop)
        except Cancelled:
            self.cancelled.emit(request)
        except Exception as exc:  # an empty question, a model error: shown in the panel
            log.exception("answering failed")
            self.failed.emit(request, str(exc))
        else:
            self.answered.emit(request, answer)


class QAThread(QObject):
    """Owns the Q&A thread and its worker; requests go in by queued signals, results come out by signals."""

    _open = Signal(object, object, object)
    _ask = Signal(int, str, int, object)

    def __init__(self, factory: QAFactory = open_engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._thread.setObjectName("qa")
        self.worker = QAWorker(factory)
        self.worker.moveToThread(self._thread)
        self._thread.started.connect(self.worker.lower_priority)
        self._open.connect(self.worker.open)
        self._ask.connect(self.worker.ask)
        self._thread.start()

    def open(self, settings: AppSettings, data_files: Sequence[Path], stop: threading.Event) -> None:
        """Queue opening the engine."""
        self._open.emit(settings, list(data_files), stop)

    def ask(self, request: int, question: str, k: int, stop: threading.Event) -> None:
        """Queue a question (after any opening queued before it)."""
        self._ask.emit(request, question, k, stop)

    def shutdown(self) -> None:
        """Stop the thread once its current work is done (cancel that work first)."""
        self._thread.quit()
        self._thread.wait()
