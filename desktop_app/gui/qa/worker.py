"""The Q&A threads: answers on one, the documentation index built on the other.

Opening a session (core.qa.session) opens its word index on the answering thread (seconds), so questions get quick
answers by word match at once; the Q&A model and the vector index then open on the index thread (minutes when the
index is built, with progress) and questions get full answers from then on. When the vector index is already
cached, it opens on the answering thread before the next question. Every request carries a threading.Event that
the window sets to cancel it; opening carries one that stops the index build.
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
QAFactory = Callable[[Any], Any]  # QAOptions -> QASession


def open_session(options: Any) -> Any:
    """The real session for these options (nothing is opened yet)."""
    from core.qa.session import QASession

    return QASession(options)


@dataclass(frozen=True)
class QAStatus:
    """What the panel says about the session: how it answers ("quick" until the full engine is open), with which
    model, and its notices."""

    mode: str
    model: str | None
    notices: list[str]


def status_of(session: Any) -> QAStatus:
    """The session's status now."""
    full = session.full
    return QAStatus(session.mode, full.model.name if full is not None and full.model else None, list(session.notices))


def open_full(session: Any, progress: Progress, stop: threading.Event) -> str | None:
    """Open the session's full engine: None when it is open, else why not ("" when `stop` cancelled it)."""
    try:
        session.open_full(progress, stop)
    except Exception as exc:  # a missing model, a cancelled build: told to the user, never fatal
        if stop.is_set():
            return ""
        log.exception("opening the Q&A engine failed")
        return str(exc) or type(exc).__name__
    return None


class BackgroundWorker(QObject):
    """A worker object that runs on a thread of its own, at background priority."""

    @Slot()
    def lower_priority(self) -> None:
        """On the worker's thread: background priority, so that the window stays responsive."""
        lower_thread_priority()


class IndexBuilder(BackgroundWorker):
    """Lives on the index thread: opens a session's full engine, building the vector index if needed."""

    progressed = Signal(object, int, int)  # session, units encoded, total
    built = Signal(object, object)  # session, None when open, else why not ("" when cancelled)

    @Slot(object, object)
    def build(self, session: Any, stop: threading.Event) -> None:
        """Open the full engine of `session`; the outcome leaves by `built`."""
        self.built.emit(session, open_full(session, lambda done, total: self.progressed.emit(session, done, total),
                                           stop))


class QAWorker(BackgroundWorker):
    """Lives on the answering thread; its slots run there, in the order they were requested."""

    progressed = Signal(int, int)  # units encoded, total (only while the vector index is built)
    quick = Signal(object)  # QAStatus: quick answers now, the full engine opens in the background
    opened = Signal(object)  # QAStatus: the full engine is open
    open_failed = Signal(str)  # why the full engine did not open (quick answers go on)
    answered = Signal(int, object)  # request id, Answer
    failed = Signal(int, str)  # request id, reason
    cancelled = Signal(int)  # request id
    build_requested = Signal(object, object)  # session, stop: to the IndexBuilder

    def __init__(self, factory: QAFactory) -> None:
        super().__init__()
        self.factory = factory
        self.session: Any = None

    @Slot(object, object, object)
    def open(self, settings: AppSettings, data_files: Sequence[Path], stop: threading.Event) -> None:
        """(Re)open the session for these settings and imported Q&A files: the word index here, the full engine on
        the index thread (here when its index is cached, or when there are no quick answers to give meanwhile)."""
        from core.qa.answerer import QAOptions

        options = QAOptions(settings.qa_model_spec, device=settings.device, allow_download=settings.allow_download,
                            data_files=list(data_files))
        session = self.session = self.factory(options)
        try:
            session.open_words()
        except Exception as exc:  # an unwritable cache: no quick answers, the full ones still come
            log.exception("opening the word index failed")
            session.notices.append(f"No quick answers: {exc}")
        if session.words is not None and not session.index_cached():
            self.quick.emit(status_of(session))
            self.build_requested.emit(session, stop)
        else:
            self.full_opened(session, open_full(session, self.progressed.emit, stop))

    @Slot(object, object)
    def full_opened(self, session: Any, error: str | None) -> None:
        """The full engine of `session` opened (`error` None) or not; told unless the session was replaced."""
        if session is not self.session or error == "":
            return
        if error is None:
            self.opened.emit(status_of(session))
        else:
            self.open_failed.emit(error)

    @Slot(object, int, int)
    def build_progressed(self, session: Any, done: int, total: int) -> None:
        """Progress of the current session's index build."""
        if session is self.session:
            self.progressed.emit(done, total)

    @Slot(int, str, int, object)
    def ask(self, request: int, question: str, k: int, stop: threading.Event) -> None:
        """Answer `question` from `k` passages; the result leaves by `answered`, `failed` or `cancelled`."""
        from core.qa.index import Cancelled

        if stop.is_set():
            self.cancelled.emit(request)
            return
        if self.session is None:
            self.failed.emit(request, "The Q&A engine is not open.")
            return
        try:
            answer = self.session.ask(question, k=k, stop=stop)
        except Cancelled:
            self.cancelled.emit(request)
        except Exception as exc:  # an empty question, a model error: shown in the panel
            log.exception("answering failed")
            self.failed.emit(request, str(exc))
        else:
            self.answered.emit(request, answer)


class QAThread(QObject):
    """Owns the answering and index threads and their workers; requests go in by queued signals, results come out
    by the answering worker's signals."""

    _open = Signal(object, object, object)
    _ask = Signal(int, str, int, object)

    def __init__(self, factory: QAFactory = open_session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threads = [QThread(self), QThread(self)]
        self.worker, self.builder = QAWorker(factory), IndexBuilder()
        for thread, name, worker in zip(self._threads, ("qa", "qa-index"), (self.worker, self.builder), strict=True):
            thread.setObjectName(name)
            worker.moveToThread(thread)
            thread.started.connect(worker.lower_priority)
        self._open.connect(self.worker.open)
        self._ask.connect(self.worker.ask)
        self.worker.build_requested.connect(self.builder.build)
        self.builder.progressed.connect(self.worker.build_progressed)
        self.builder.built.connect(self.worker.full_opened)
        for thread in self._threads:
            thread.start()

    def open(self, settings: AppSettings, data_files: Sequence[Path], stop: threading.Event) -> None:
        """Queue opening a session; `stop` stops its index build."""
        self._open.emit(settings, list(data_files), stop)

    def ask(self, request: int, question: str, k: int, stop: threading.Event) -> None:
        """Queue a question (after any opening queued before it)."""
        self._ask.emit(request, question, k, stop)

    def shutdown(self) -> None:
        """Stop both threads once their current work is done (cancel that work first)."""
        for thread in self._threads:
            thread.quit()
        for thread in self._threads:
            thread.wait()
