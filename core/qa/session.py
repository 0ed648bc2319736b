"""Answers at once: by word match (core.qa.words, built in seconds) until the vector index is open, then in full.

A session opens the word index first (`open_words`). The Q&A model and the vector index open with `open_full`,
which takes minutes when the index has to be built (first use, another Python, other imported files): the app
runs it in the background while quick answers come, `filescribe ask` only when asked (`--wait-for-index`).
`ask` answers with the full engine once it is open, else by word match.
"""
from __future__ import annotations

from collections.abc import Callable

from core.qa.answerer import DEFAULT_K, QUICK, Answer, QAEngine, QAOptions, Stop, quick_answer
from core.qa.index import QAIndexError, TextEncoder, vector_index_cached
from core.qa.passages import DocSource, python_docs
from core.qa.words import WordIndex, open_word_index


class QASession:
    """One set of Q&A options: its word index, then its full engine; `ask` from any thread."""

    def __init__(self, options: QAOptions, *, docs: DocSource | None = None,
                 encoder: TextEncoder | None = None) -> None:
        self.options, self.encoder = options, encoder
        self.docs = docs or python_docs()
        self.words: WordIndex | None = None
        self.full: QAEngine | None = None  # set once, by open_full (on whichever thread runs it)
        self.notices: list[str] = []

    @property
    def mode(self) -> str:
        """How questions are answered now: "quick" until the full engine is open, then its mode."""
        full = self.full
        return full.mode if full is not None else QUICK

    def open_words(self, on_build: Callable[[], None] | None = None) -> None:
        """Open the word index, building it (seconds; `on_build()` first) when missing or out of date."""
        opened = open_word_index(self.docs, self.options.data_files, self.options.cache_dir,
                                 self.options.rebuild_index, on_build)
        self.words = opened.index
        self._note(opened.notices)

    def index_cached(self) -> bool:
        """True when the vector index is in the cache for these passages: open_full then takes seconds."""
        return not self.options.rebuild_index and vector_index_cached(self.docs, self.options.data_files,
                                                                      self.options.cache_dir)

    def open_full(self, progress: Callable[[int, int], None] | None = None, stop: Stop = None) -> QAEngine:
        """Load the Q&A model and open (or build, with `progress`) the vector index; `stop` cancels the build."""
        engine = QAEngine.open(self.options, encoder=self.encoder, docs=self.docs, progress=progress, stop=stop)
        self._note(engine.notices)
        self.full = engine
        return engine

    def ask(self, question: str, k: int = DEFAULT_K, stop: Stop = None) -> Answer:
        """The full answer once the full engine is open, else a quick one by word match."""
        full = self.full
        if full is not None:
            return full.ask(question, k=k, stop=stop)
        if self.words is None:
            raise QAIndexError("The Q&A index is not open.")
        return quick_answer(self.words, question, k)

    def _note(self, notices: list[str]) -> None:
        self.notices += [notice for notice in notices if notice not in self.notices]
