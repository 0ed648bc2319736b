"""The SQLite store: generated descriptions (by model + input) and user corrections (by path)."""
from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.atomic import write_text_atomically
from core.describe.examples import Example, LoadReport, example_records, load_examples
from core.errors import StoreError
from core.files.scanner import valid_text

STORE_FILENAME = "filescribe.sqlite3"
DAMAGED_CODES = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
DATA_DIR_ENV = "FILESCRIBE_DATA_DIR"

# Migration N brings a store from schema version N to N + 1; never edit a released entry, append.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE generated (
        model TEXT NOT NULL,
        input_key TEXT NOT NULL,
        filename TEXT NOT NULL,
        description TEXT NOT NULL,
        created REAL NOT NULL,
        PRIMARY KEY (model, input_key)
    ) WITHOUT ROWID;
    CREATE TABLE corrections (
        id INTEGER PRIMARY KEY,
        path BLOB UNIQUE,
        filename TEXT NOT NULL,
        description TEXT NOT NULL,
        created REAL NOT NULL,
        updated REAL NOT NULL
    );
    """,
    """
    CREATE TABLE vectors (
        encoder TEXT NOT NULL,
        text TEXT NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (encoder, text)
    ) WITHOUT ROWID;
    """,
)


def default_data_dir() -> Path:
    """FILESCRIBE_DATA_DIR if set, else the platform's user data folder."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("filescribe", appauthor=False))


def path_key(path: str | os.PathLike[str]) -> bytes:
    """Lossless key of a path, also for names that are not valid UTF-8."""
    return os.fsencode(os.path.abspath(path))


@dataclass(frozen=True)
class Correction:
    """A user's description of one file (path None for imported examples); `id` is its key in the store."""

    path: str | None
    filename: str
    description: str
    updated: float
    id: int


def is_damaged(exc: sqlite3.Error) -> bool:
    """True for SQLite's "malformed" and "not a database" errors, never for locked, read-only or I/O errors."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in DAMAGED_CODES
    return "malformed" in str(exc) or "not a database" in str(exc)


def read_only(path: Path) -> sqlite3.Connection:
    """A connection that writes nothing, not even beside the file: immutable unless a WAL holds part of it."""
    mode = "ro" if Path(f"{path}-wal").exists() else "ro&immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True)


def check_intact(path: Path) -> None:
    """Raise sqlite3.DatabaseError when the store file is damaged (`PRAGMA quick_check`); read-only, so that a
    damaged file and its WAL stay exactly as they are (a writer would checkpoint the WAL into it on closing)."""
    if not path.exists():
        return
    with contextlib.closing(read_only(path)) as db:
        verdict = db.execute("PRAGMA quick_check").fetchone()[0]
    if verdict != "ok":
        raise sqlite3.DatabaseError(f"database disk image is malformed ({verdict})")


def connect(path: Path) -> sqlite3.Connection:
    """A connection to the store file in WAL mode, every commit synced."""
    db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None, timeout=10)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
    except BaseException:
        db.close()
        raise
    return db


def set_aside(path: Path) -> Path:
    """Rename a damaged store file (and its WAL and shared-memory files) to a dated backup name beside it."""
    backup = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{path}{suffix}")
        if source.exists():
            os.replace(source, Path(f"{backup}{suffix}"))
    return backup


def readable_corrections(backup: Path) -> list[tuple]:
    """The correction rows a damaged store still gives, up to the first unreadable one (read-only)."""
    rows: list[tuple] = []
    try:
        with contextlib.closing(read_only(backup)) as old:
            rows.extend(old.execute("SELECT path, filename, description, created, updated FROM corrections"))
    except sqlite3.Error:
        pass
    return rows


class Store:
    """One SQLite file in WAL mode; every method is safe to call from any thread.

    Threads: the thread that opens the store (the app's GUI thread, a command's main thread) opens its one
    connection (`check_same_thread=False`) and closes it once the other threads have stopped; every thread
    uses that same connection, one statement or transaction at a time under the store's lock. In the app the
    store thread reads and writes corrections (and filename vectors when a correction re-keys the rows that
    look like it), the engine thread the generated descriptions and filename vectors, the file thread moves
    corrections with their files, and the GUI thread opens, closes and reads the corrections for their dialog.

    A damaged file is kept aside as a backup and a fresh store is started, with the corrections that could
    still be read from the backup (`recovery_notice` says so, for the user).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.recovered_from: Path | None = None
        self.corrections_recovered = 0
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                check_intact(path)
            except sqlite3.DatabaseError as exc:
                if not is_damaged(exc):
                    raise
                self.recovered_from = set_aside(path)
            self._db = connect(path)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"Cannot open the description store {path}: {exc}") from exc
        self._lock = threading.RLock()
        self._migrate()
        if self.recovered_from is not None:
            self.corrections_recovered = self._write(
                "INSERT OR IGNORE INTO corrections (path, filename, description, created, updated) VALUES (?,?,?,?,?)",
                readable_corrections(self.recovered_from))

    @property
    def recovery_notice(self) -> str | None:
        """What the user is told when a damaged store was replaced at opening (None otherwise)."""
        if self.recovered_from is None:
            return None
        return (f"The description store was damaged and could not be used. It was kept as {self.recovered_from} "
                f"and a fresh store was started; {self.corrections_recovered} of your corrections could be "
                "read from it and were kept. Generated descriptions are written again as files are shown.")

    @classmethod
    def open(cls, data_dir: Path | None = None) -> Store:
        """The store in `data_dir` (default: default_data_dir())."""
        return cls((data_dir or default_data_dir()) / STORE_FILENAME)

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()

    @property
    def schema_version(self) -> int:
        """Number of migrations applied to this store."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        """Apply pending migrations, each in its own transaction."""
        with self._lock:
            version = self.schema_version
            if version > len(MIGRATIONS):
                raise StoreError(f"{self.path} was written by a newer FileScribe (schema {version}).")
            for number in range(version, len(MIGRATIONS)):
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    for statement in filter(str.strip, MIGRATIONS[number].split(";")):
                        self._db.execute(statement)
                    self._db.execute(f"PRAGMA user_version = {number + 1}")
                    self._db.execute("COMMIT")
                except sqlite3.Error:
                    self._db.execute("ROLLBACK")
                    raise

    def _write(self, sql: str, rows: Iterable[Sequence[object]]) -> int:
        """Run `sql` for every row in one durable transaction; returns the rows changed.

        Any failure rolls the whole transaction back, so that the store never stays locked by it.
        """
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                changed = sum(self._db.execute(sql, row).rowcount for row in rows)
                self._db.execute("COMMIT")
            except BaseException as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(f"Could not write to {self.path}: {exc}") from exc
                raise
            return changed

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        """All rows of a query."""
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    # Generated descriptions -------------------------------------------------------------------

    def generated(self, model: str, input_keys: Sequence[str]) -> dict[str, str]:
        """Cached descriptions of `model` for the given input keys (missing keys left out)."""
        found: dict[str, str] = {}
        for start in range(0, len(input_keys), 500):
            chunk = list(input_keys[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._read(
                f"SELECT input_key, description FROM generated WHERE model = ? AND input_key IN ({marks})",
                [model, *chunk],
            )
            found.update(rows)
        return found

    def save_generated(self, model: str, items: Iterable[tuple[str, str, str]]) -> None:
        """Cache (input_key, filename, description) triples of `model`."""
        now = time.time()
        self._write(
            "INSERT OR REPLACE INTO generated (model, input_key, filename, description, created) VALUES (?,?,?,?,?)",
            ((model, key, valid_text(filename), valid_text(text), now) for key, filename, text in items),
        )

    # Lexical vectors --------------------------------------------------------------------------

    def vectors(self, encoder: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored float32 vectors of `texts` computed by `encoder` (missing texts left out)."""
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(texts), 500):
            chunk = list(texts[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._read(f"SELECT text, vector FROM vectors WHERE encoder = ? AND text IN ({marks})",
                              [encoder, *chunk])
            found.update((text, np.frombuffer(blob, dtype=np.float32)) for text, blob in rows)
        return found

    def save_vectors(self, encoder: str, items: Iterable[tuple[str, np.ndarray]]) -> None:
        """Keep vectors computed by `encoder` so they need not be computed again."""
        self._write("INSERT OR REPLACE INTO vectors (encoder, text, vector) VALUES (?,?,?)",
                    ((encoder, text, np.asarray(vector, np.float32).tobytes()) for text, vector in items))

    # Corrections ------------------------------------------------------------------------------

    def save_correction(self, path: str | os.PathLike[str], filename: str, description: str) -> None:
        """Store the user's description of `path`; durable when this returns."""
        now = time.time()
        self._write(
            "INSERT INTO corrections (path, filename, description, created, updated) VALUES (?,?,?,?,?) "
            "ON CONFLICT(path) DO UPDATE SET filename = excluded.filename, "
            "description = excluded.description, updated = excluded.updated",
            [(path_key(path), valid_text(filename), valid_text(description), now, now)],
        )

    def delete_correction(self, path: str | os.PathLike[str]) -> bool:
        """Forget the correction of `path`; True if there was one."""
        return self._write("DELETE FROM corrections WHERE path = ?", [(path_key(path),)]) > 0

    def delete_corrections(self, ids: Iterable[int]) -> int:
        """Forget the corrections with these ids (imported ones, which have no path, too); returns how many."""
        return self._write("DELETE FROM corrections WHERE id = ?", [(int(i),) for i in ids])

    def move_correction(self, old: str | os.PathLike[str], new: str | os.PathLike[str], filename: str) -> bool:
        """Make a correction follow its file to a new path; True if one moved."""
        return self._write(
            "UPDATE OR REPLACE corrections SET path = ?, filename = ? WHERE path = ?",
            [(path_key(new), valid_text(filename), path_key(old))],
        ) > 0

    def corrections_for(self, paths: Sequence[str | os.PathLike[str]]) -> dict[bytes, str]:
        """Corrected descriptions of the given paths, keyed by path_key."""
        keys = [path_key(p) for p in paths]
        found: dict[bytes, str] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self._read(f"SELECT path, description FROM corrections WHERE path IN ({marks})", chunk))
        return found

    def corrections(self) -> list[Correction]:
        """Every correction, oldest first."""
        rows = self._read("SELECT path, filename, description, updated, id FROM corrections ORDER BY id")
        return [Correction(None if p is None else os.fsdecode(p), f, d, u, i) for p, f, d, u, i in rows]

    def export_corrections(self, destination: Path) -> int:
        """Write all corrections as JSONL (`id`, `filename`, `file_desc`); returns how many."""
        examples = [Example(c.filename, c.description) for c in self.corrections()]
        write_text_atomically(
            destination, (json.dumps(r, ensure_ascii=False) + "\n" for r in example_records(examples))
        )
        return len(examples)

    def import_corrections(self, source: Path, strict: bool = False) -> LoadReport:
        """Add the examples of a JSONL file as path-less corrections (exact duplicates skipped)."""
        examples, report = load_examples(source, strict=strict)
        existing = {(c.filename, c.description) for c in self.corrections()}
        fresh = [e for e in examples if (e.filename, e.description) not in existing]
        now = time.time()
        self._write(
            "INSERT INTO corrections (path, filename, description, created, updated) VALUES (NULL,?,?,?,?)",
            ((e.filename, e.description, now, now) for e in fresh),
        )
        report.kept = len(fresh)
        return report
