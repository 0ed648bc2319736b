"""The Python Q&A dock: ask a question, read the answer (code in monospace blocks) and open its sources.

All work runs on the Q&A threads (desktop_app.gui.qa.worker). The first question opens the word index (seconds) and
gets a quick answer by word match at once, while the documentation index for full answers is built in the
background (its own progress bar, minutes on first use); once it is ready, the shown quick answer is replaced by
the full one, and an earlier quick answer when it is selected. Each answer shows a busy bar meanwhile; Cancel or
Esc stops it.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.qa.answerer import DEFAULT_K, QUICK, Answer, Source
from core.qa.index import registered_qa_files
from desktop_app.gui import shortcuts
from desktop_app.gui.colors import hint_color
from desktop_app.gui.qa.format import answer_html, passage_html, source_name, source_number
from desktop_app.gui.qa.worker import QAFactory, QAStatus, QAThread, open_session
from desktop_app.gui.settings import AppSettings

PANEL_WIDTH = 360  # beside a 1280-pixel-wide window's file list, which keeps room for its descriptions


def welcome_html() -> str:
    """What the answer view shows before the first question (the hint in the palette's colours)."""
    return ("<p>Ask a Python question: the answer comes from the documentation of this Python and the "
            "StackOverflow pairs you imported (<code>filescribe qa prepare</code>), with its sources.</p>"
            f'<p style="color: {hint_color()};">The first answers are quick ones, by word match, while the '
            "documentation index for full answers is built in the background (a few minutes, once); each quick "
            "answer is then replaced by the full one.</p>")


class SourceViewer(QDialog):
    """A source passage in full, in its own window (one viewer, reused)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        self.resize(620, 480)

    def show_source(self, number: int, source: Source, fixed_family: str) -> None:
        """Show source `number` of the answer."""
        self.setWindowTitle(f"[{number}] {source_name(source)}")
        self.text.setHtml(passage_html(source, fixed_family))
        self.show()
        self.raise_()
        self.activateWindow()


class QAPanel(QDockWidget):
    """The dock beside the file browser; `settings()` gives the settings in force when a question is asked."""

    def __init__(self, settings: Callable[[], AppSettings], data_dir: Path | None = None,
                 parent: QWidget | None = None, factory: QAFactory = open_session) -> None:
        super().__init__("Python Q&&A", parent)  # && shows one & (a single one would mark a shortcut key)
        self.setObjectName("qaDock")
        self.settings, self.data_dir = settings, data_dir
        self.fixed_family = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
        self.history: list[tuple[str, Answer]] = []
        self.shown: Answer | None = None
        self._shown_entry: int | None = None  # the history entry shown
        self.status_of_engine: QAStatus | None = None  # quick until the full engine is open
        self.full_error: str | None = None  # why the full engine did not open
        self._opened_with: tuple[AppSettings, list[Path]] | None = None
        self._request = 0
        self._asked = ""
        self._replacing: int | None = None  # the history entry the question on its way answers again
        self._busy: int | None = None
        self._stop: threading.Event | None = None
        self._build_stop = threading.Event()  # stops the index build of the open session
        self.viewer: SourceViewer | None = None
        self.sized = False  # given PANEL_WIDTH once, or its width came with the saved window layout
        self._build()
        self.worker = QAThread(factory, self)
        self.worker.worker.progressed.connect(self._progressed)
        self.worker.worker.quick.connect(self._quick)
        self.worker.worker.opened.connect(self._opened)
        self.worker.worker.open_failed.connect(self._open_failed)
        self.worker.worker.answered.connect(self._answered)
        self.worker.worker.failed.connect(self._failed)
        self.worker.worker.cancelled.connect(self._cancelled)

    def _build(self) -> None:
        self.question = QLineEdit()
        self.question.setPlaceholderText("Ask a Python question, e.g. How do I reverse a list?")
        self.question.setClearButtonEnabled(True)
        self.question.setAccessibleName("Python question")
        self.question.returnPressed.connect(self.ask)
        self.ask_button = QPushButton("Ask")
        self.ask_button.clicked.connect(self._ask_or_cancel)
        QShortcut(QKeySequence(shortcuts.CANCEL_QUESTION), self, self.cancel,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        row = QHBoxLayout()
        row.addWidget(self.question, 1)
        row.addWidget(self.ask_button)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet(f"color: {hint_color()};")
        self.index_status = QLabel()
        self.index_status.setWordWrap(True)
        self.index_status.setStyleSheet(f"color: {hint_color()};")
        self.index_progress = QProgressBar()
        self.index_progress.setTextVisible(False)
        self.index_progress.setMaximumHeight(8)
        for widget in (self.index_status, self.index_progress):
            widget.hide()
        self.answer_view = QTextBrowser()
        self.answer_view.setOpenLinks(False)
        self.answer_view.setAccessibleName("Answer")
        self.answer_view.anchorClicked.connect(self._link_clicked)
        self.answer_view.setHtml(welcome_html())
        self.history_list = QListWidget()
        self.history_list.setAccessibleName("Questions asked")
        self.history_list.itemClicked.connect(self._history_clicked)
        self.history_list.itemActivated.connect(self._history_clicked)
        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.setContentsMargins(0, 4, 0, 0)
        history_layout.addWidget(QLabel("Earlier questions"))
        history_layout.addWidget(self.history_list)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.answer_view)
        splitter.addWidget(history)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([520, 130])
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.index_status)
        layout.addWidget(self.index_progress)
        layout.addWidget(splitter, 1)
        self.setWidget(body)

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        """The first time it shows in a window, the dock takes PANEL_WIDTH (once the window's layout is done)."""
        super().showEvent(event)
        window = self.parentWidget()
        if not self.sized and isinstance(window, QMainWindow):
            self.sized = True
            QTimer.singleShot(0, lambda: window.resizeDocks([self], [PANEL_WIDTH], Qt.Orientation.Horizontal))

    # Asking -----------------------------------------------------------------------------------

    def is_busy(self) -> bool:
        """True while a question (and the opening before it) is on its way."""
        return self._busy is not None

    def ask(self, question: str | None = None, replacing: int | None = None) -> int | None:
        """Ask `question` (default: the typed one) on the Q&A thread; returns its request id, None if nothing asked.
        Its answer replaces history entry `replacing` if given, else joins the history.

        The session is (re)opened first when none is open or the Q&A settings or imported files changed.
        """
        text = " ".join((self.question.text() if question is None else question).split())
        if not text or self.is_busy():
            return None
        self._request += 1
        self._busy, self._stop = self._request, threading.Event()
        settings, files = self.settings(), registered_qa_files(self.data_dir)
        opened = self._opened_with
        if opened is None or settings.reloads_qa_model(opened[0]) or files != opened[1]:
            self._build_stop.set()  # the index build of the session before, if any
            self._build_stop = threading.Event()
            self._opened_with, self.status_of_engine, self.full_error = (settings, files), None, None
            self.worker.open(settings, files, self._build_stop)
            self._set_busy("Opening the documentation index…")
        else:
            self._set_busy(f"{'Getting the full answer to' if replacing is not None else 'Answering'} “{text}”…")
        self._asked, self._replacing = text, replacing
        if question is None:
            self.question.clear()
        self.worker.ask(self._busy, text, DEFAULT_K, self._stop)
        return self._busy

    def cancel(self) -> None:
        """Stop the question on its way (an index build in the background goes on)."""
        if self._stop is not None and self.is_busy():
            self._stop.set()
            self.status.setText("Cancelling…")

    def _ask_or_cancel(self) -> None:
        if self.is_busy():
            self.cancel()
        else:
            self.ask()

    def _set_busy(self, message: str) -> None:
        self.ask_button.setText("Cancel")
        self.progress.setRange(0, 0)  # an animated busy bar
        self.progress.show()
        self.status.setText(message)

    def _set_idle(self, message: str) -> None:
        self._busy, self._stop, self._replacing = None, None, None
        self.ask_button.setText("Ask")
        self.progress.hide()
        self.status.setText(message)

    def _engine_status(self) -> str:
        """How the open session answers (or why it gives no full answers)."""
        status = self.status_of_engine
        if self.full_error is not None:
            return f"No full answers: {self.full_error}"
        if status is None:
            return ""
        if status.mode == QUICK:
            return "Quick answers by word match until the documentation index is built."
        return f"Answers written by {status.model}." if status.model else "Answers quoted from the documentation."

    def full_answers(self) -> bool:
        """True once the full engine is open."""
        return self.status_of_engine is not None and self.status_of_engine.mode != QUICK

    # Results from the Q&A thread ----------------------------------------------------------------

    def _progressed(self, done: int, total: int) -> None:
        self.index_status.setText(f"Building the documentation index for full answers (first use only): "
                                  f"{done:,} of {total:,} sentences")
        self.index_progress.setRange(0, total)
        self.index_progress.setValue(done)
        self._show_index_progress(True)

    def _show_index_progress(self, shown: bool) -> None:
        for widget in (self.index_status, self.index_progress):
            widget.setVisible(shown)

    def _quick(self, status: QAStatus) -> None:
        """Quick answers now; the full engine opens in the background."""
        self.status_of_engine = status
        self.status.setToolTip("\n".join(status.notices))
        self.index_status.setText("Building the documentation index for full answers (first use only)…")
        self.index_progress.setRange(0, 0)  # busy until the build reports its first batch
        self._show_index_progress(True)

    def _opened(self, status: QAStatus) -> None:
        self.status_of_engine = status
        self.status.setToolTip("\n".join(status.notices))
        self._show_index_progress(False)
        if self.is_busy():
            self._set_busy(f"Answering “{self._asked}”…")
        else:
            self.status.setText(self._engine_status())
            self._answer_in_full()

    def _open_failed(self, reason: str) -> None:
        """The full engine did not open: quick answers go on, and the next question tries again."""
        self._opened_with, self.full_error = None, reason
        self._show_index_progress(False)
        if not self.is_busy():
            self.status.setText(self._engine_status())

    def _answer_in_full(self) -> None:
        """Ask the shown quick answer's question again now that full answers can be given; the answer replaces it."""
        entry = self._shown_entry
        if entry is not None and self.history[entry][1].mode == QUICK and self.full_answers() and not self.is_busy():
            self.ask(self.history[entry][0], replacing=entry)

    def _answered(self, request: int, answer: Answer) -> None:
        if request != self._busy:
            return
        replacing = self._replacing
        self._set_idle(self._engine_status())
        if replacing is None:
            self.history.append((self._asked, answer))
            item = QListWidgetItem(self._asked)
            item.setData(Qt.ItemDataRole.UserRole, len(self.history) - 1)
            item.setToolTip(self._asked)
            self.history_list.insertItem(0, item)
            self.history_list.setCurrentItem(item)
            self._show_entry(len(self.history) - 1)
        else:
            self.history[replacing] = (self._asked, answer)
            if replacing == self._shown_entry:
                self._show_entry(replacing)
        self._answer_in_full()  # a quick answer that arrived as the full engine opened

    def _failed(self, request: int, reason: str) -> None:
        if request == self._busy:
            self._forget_failed_opening()
            self._set_idle(f"No answer: {reason}")

    def _cancelled(self, request: int) -> None:
        if request == self._busy:
            self._forget_failed_opening()
            self._set_idle("Cancelled.")

    def _forget_failed_opening(self) -> None:
        """An opening that did not finish is tried again with the next question."""
        if self.status_of_engine is None:
            self._opened_with = None

    # Showing ----------------------------------------------------------------------------------

    def show_answer(self, question: str, answer: Answer) -> None:
        """Show an answer with its linked sources."""
        self.shown = answer
        self.answer_view.setHtml(answer_html(question, answer, self.fixed_family))

    def _show_entry(self, entry: int) -> None:
        """Show history entry `entry` (0: the first question asked)."""
        self._shown_entry = entry
        self.show_answer(*self.history[entry])

    def _history_clicked(self, item: QListWidgetItem) -> None:
        self._show_entry(item.data(Qt.ItemDataRole.UserRole))
        self._answer_in_full()

    def _link_clicked(self, url: QUrl) -> None:
        number = source_number(url.toString())
        if number is not None:
            self.open_source(number)

    def open_source(self, number: int) -> None:
        """Open source `number` (1-based) of the shown answer in the viewer."""
        if self.shown is None or not 1 <= number <= len(self.shown.sources):
            return
        if self.viewer is None:
            self.viewer = SourceViewer(self)
        self.viewer.show_source(number, self.shown.sources[number - 1], self.fixed_family)

    def shutdown(self) -> None:
        """Cancel the question on its way and the index build, and stop the Q&A threads."""
        self.cancel()
        self._build_stop.set()
        self.worker.shutdown()
