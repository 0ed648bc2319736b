"""The word-match index: the Q&A passages and their sentences in SQLite FTS5, built in seconds where the vector
index (core.qa.index) takes minutes, so that questions get quick answers before the vector index exists.

One file beside the vector index (`qa-words.sqlite` in the same cache folder), keyed like it by what its passages
come from (core.qa.index.passages_key: the index format, Python's documentation, the imported files' content; no
encoder): another key or a damaged file means a rebuild, written to a temporary file and renamed into place.
Each search opens its own read-only connection, so any thread may search (sqlite3 connections are not shared
between threads; opening one costs well under a millisecond).
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

from core.qa.index import (
    Hit,
    OpenedIndex,
    QAIndexError,
    UnitHit,
    default_cache_dir,
    existing_files,
    index_units,
    passages_key,
)
from core.qa.passages import DocSource, Passage, collect_passages, python_docs

WORDS_FILENAME = "qa-words.sqlite"
WORDS_FORMAT = 1  # bump when the tables or the tokenizer change
CANDIDATES_PER_PASSAGE = 20  # best-matching sentences read per passage asked for, before grouping by passage
WORD = re.compile(r"[^\W_]+")
STOPWORDS = frozenset((  # English function words; Python's keywords (with, is, in, for...) are searched
    "a", "about", "an", "are", "at", "be", "by", "can", "could", "do", "does", "get", "have", "how", "i", "into",
    "it", "me", "my", "of", "on", "python", "should", "so", "than", "that", "the", "this", "to", "use", "using",
    "want", "was", "what", "when", "where", "which", "why", "will", "would", "you", "your",
))
SCHEMA = """
CREATE TABLE manifest (json TEXT NOT NULL);
CREATE TABLE passages (number INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE units (number INTEGER PRIMARY KEY, passage INTEGER NOT NULL, block INTEGER NOT NULL,
                    quote TEXT NOT NULL, words TEXT NOT NULL);
CREATE INDEX units_by_passage ON units (passage);
CREATE VIRTUAL TABLE unit_words USING fts5 (words, content='units', content_rowid='number',
                                            tokenize='porter unicode61 remove_diacritics 2');
"""


def query_terms(question: str) -> list[str]:
    """The question's words that can find a passage: lower-case, without stop words, each once."""
    return list(dict.fromkeys(word for word in WORD.findall(question.lower()) if word not in STOPWORDS))


class WordIndex:
    """Passages and their units (the vector index's sentences, "heading: sentence") in an FTS5 table.

    A unit scores by BM25 relative to the best unit found (1.0); a passage scores as its best unit, as in QAIndex.
    """

    def __init__(self, path: Path, manifest: dict[str, Any]) -> None:
        self.path, self.manifest = path, manifest

    def _connect(self) -> sqlite3.Connection:
        return read_only(self.path)

    def search(self, question: str, k: int) -> list[Hit]:
        """The `k` passages whose sentences share the most (and the rarest) words with `question`, best first."""
        terms = query_terms(question)
        if k <= 0 or not terms:
            return []
        expression = " OR ".join(f'"{term}"' for term in terms)
        with closing(self._connect()) as db:
            ranked = [row[0] for row in db.execute("SELECT rowid FROM unit_words WHERE unit_words MATCH ? "
                                                   "ORDER BY rank LIMIT ?", (expression, k * CANDIDATES_PER_PASSAGE))]
            owners = dict(db.execute(f"SELECT number, passage FROM units WHERE number IN ({marks(ranked)})", ranked))
            chosen = list(dict.fromkeys(owners[unit] for unit in ranked))[:k]
            if not chosen:
                return []
            units = db.execute(f"SELECT number, passage, block, quote FROM units WHERE passage IN ({marks(chosen)}) "
                               "ORDER BY number", chosen).fetchall()
            scores = dict(db.execute("SELECT rowid, bm25(unit_words) FROM unit_words WHERE unit_words MATCH ? AND "
                                     f"rowid IN ({marks(units)})", (expression, *(unit[0] for unit in units))))
            passages = {row[0]: Passage(*row[1:]) for row in db.execute(
                f"SELECT number, id, title, text FROM passages WHERE number IN ({marks(chosen)})", chosen)}
        best = min(scores.values()) or -1.0  # BM25 here is negative: the lower, the better
        found: dict[int, list[UnitHit]] = {number: [] for number in chosen}
        for unit, passage, block, quote in units:
            found[passage].append(UnitHit(quote, block, scores.get(unit, 0.0) / best))
        return [Hit(passages[number], max(unit.score for unit in found[number]), tuple(found[number]))
                for number in chosen]

    @classmethod
    def build(cls, passages: Sequence[Passage], manifest: dict[str, Any], path: Path) -> WordIndex:
        """Write the passages and their units to `path` atomically (a temporary file beside it, then a rename)."""
        units, texts = index_units(passages)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(handle)
        try:
            with closing(sqlite3.connect(temp_name)) as db:
                db.executescript(SCHEMA)
                db.execute("INSERT INTO manifest VALUES (?)", (json.dumps(manifest),))
                db.executemany("INSERT INTO passages VALUES (?, ?, ?, ?)",
                               ((number, p.id, p.title, p.text) for number, p in enumerate(passages)))
                db.executemany("INSERT INTO units VALUES (?, ?, ?, ?, ?)",
                               ((number, unit.passage, unit.block, unit.text, text)
                                for number, (unit, text) in enumerate(zip(units, texts, strict=True))))
                db.execute("INSERT INTO unit_words (unit_words) VALUES ('rebuild')")
                db.commit()
            os.replace(temp_name, path)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
        return cls(path, manifest)

    @classmethod
    def load(cls, path: Path) -> WordIndex:
        """The index in `path`; a file that is no readable word index raises QAIndexError."""
        try:
            with closing(read_only(path)) as db:
                (text,) = db.execute("SELECT json FROM manifest").fetchone()
                db.execute("SELECT rowid FROM unit_words WHERE unit_words MATCH 'x' LIMIT 1").fetchall()
            manifest = json.loads(text)
        except (sqlite3.Error, TypeError, ValueError) as exc:
            raise QAIndexError(f"{path} is not a readable word index: {exc}") from exc
        if not isinstance(manifest, dict):
            raise QAIndexError(f"{path} is not a readable word index: bad manifest")
        return cls(path, manifest)


def read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to the SQLite file `path`."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def marks(values: Sequence[Any]) -> str:
    """SQL placeholders for `values` ("?,?,?")."""
    return ",".join("?" * len(values))


def open_word_index(docs: DocSource | None = None, data_files: Sequence[Path] = (), cache_dir: Path | None = None,
                    rebuild: bool = False, on_build: Callable[[], None] | None = None) -> OpenedIndex[WordIndex]:
    """The cached word index when it matches its passages, else a fresh one (`on_build()` is called first)."""
    docs = docs or python_docs()
    notices: list[str] = []
    files = existing_files(data_files, notices)
    key = {**passages_key(docs, files), "words": WORDS_FORMAT}
    path = (cache_dir or default_cache_dir()) / WORDS_FILENAME
    if not rebuild and path.is_file():
        try:
            cached = WordIndex.load(path)
            if cached.manifest == key:
                return OpenedIndex(cached, built=False, notices=notices)
        except QAIndexError as exc:
            notices.append(f"Rebuilding the word index: {exc}")
    if on_build is not None:
        on_build()
    passages = collect_passages(docs, files, notices)
    try:
        return OpenedIndex(WordIndex.build(passages, key, path), built=True, notices=notices)
    except (OSError, sqlite3.Error) as exc:
        raise QAIndexError(f"Could not write the word index {path}: {exc}") from exc
