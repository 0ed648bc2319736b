"""Searching the file list: a word filter as the user types, or, "By meaning", the described files ranked
against the question (MiniLM, on the engine thread) when the user presses Enter."""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QStyle

from core.describe.states import DESCRIBED
from desktop_app.gui import shortcuts
from desktop_app.gui.actions import make_action
from desktop_app.gui.files.feed import DescriptionFeed
from desktop_app.gui.files.view import FileTable

FILTER_DELAY_MS = 150  # the word filter waits for a pause in typing


class FileSearch(QObject):
    """The search box and its "By meaning" switch; forwards words to the filter and questions to the feed."""

    message = Signal(str, int)  # for the status bar: the text and how long it shows (ms, 0 until replaced)

    def __init__(self, table: FileTable, feed: DescriptionFeed, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table, self.feed = table, feed
        self.rows = table.rows
        self.model = self.rows.files()
        self.query = ""  # the question whose ranking is asked for or shown
        self.box = QLineEdit()
        self.box.setClearButtonEnabled(True)
        self.box.setAccessibleName("Search files")
        self.box.setMinimumWidth(240)
        self.box.setMaximumWidth(320)
        self.meaning_action = make_action(self, "By meaning", self._toggle_meaning, checkable=True,
                                          icons=("edit-find",),
                                          fallback=QStyle.StandardPixmap.SP_FileDialogContentsView)
        self.meaning_action.setToolTip("Search descriptions by meaning (MiniLM), best matches first")
        self.find_action = make_action(self, "Find", lambda: self.box.setFocus(), shortcuts.FIND)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_word_filter)
        self.box.textChanged.connect(self._text_changed)
        self.box.returnPressed.connect(self.search_by_meaning)
        feed.searched.connect(self._ranked)
        feed.search_failed.connect(lambda query, reason: self.message.emit(f"Search by meaning failed: {reason}", 8000))
        self._update_hint()

    def _update_hint(self) -> None:
        by_meaning = self.meaning_action.isChecked()
        self.box.setPlaceholderText("What are you looking for? (Enter)" if by_meaning
                                    else "Filter by name or description")

    def _toggle_meaning(self) -> None:
        self._update_hint()
        if self.meaning_action.isChecked():
            self.rows.set_words("")
            self.search_by_meaning()
        else:
            self._clear_ranking()
            self._apply_word_filter()

    def _text_changed(self, text: str) -> None:
        if self.meaning_action.isChecked():
            if not text.strip():
                self._clear_ranking()
            return
        self._filter_timer.start()

    def _apply_word_filter(self) -> None:
        if not self.meaning_action.isChecked():
            self.rows.set_words(self.box.text())

    def search_by_meaning(self) -> None:
        """Rank the described files by meaning (on the engine thread)."""
        query = self.box.text().strip()
        if not self.meaning_action.isChecked() or not query:
            return
        self.query = query
        texts = {row.entry.path: row.description for row in map(self.model.row_at, range(self.model.rowCount()))
                 if row.state in DESCRIBED and row.description}
        self.message.emit(f"Searching {len(texts)} descriptions for “{query}”…", 0)
        self.feed.search(query, texts)

    def _ranked(self, query: str, ranked: list[tuple[str, float]]) -> None:
        if query != self.query or not self.meaning_action.isChecked():
            return
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.table.setSortingEnabled(False)
        self.model.sort_by(dict(ranked))
        self.rows.set_ranking([path for path, _ in ranked])
        found = f"{len(ranked)} files match" if len(ranked) != 1 else "1 file matches"
        self.message.emit(f"{found} “{query}”, best first" if ranked else f"No description is close to “{query}”",
                          8000)

    def _clear_ranking(self) -> None:
        if self.query:
            self.query = ""
            self.rows.set_ranking(None)
            self.table.setSortingEnabled(True)
            self.table.horizontalHeader().setSortIndicatorShown(True)
            header = self.table.horizontalHeader()
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def clear(self) -> None:
        """Another folder is opened: no words, no ranking."""
        self._clear_ranking()
        self.box.clear()
        self.rows.set_words("")
