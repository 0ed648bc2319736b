"""The Q&A retrieval index: the passages (core.qa.passages) with MiniLM vectors of their sentences.

Built once (minutes on a laptop CPU), cached as one .npz file in the user cache dir, and rebuilt when what it
was built from changes: the index format, Python's documentation (its version), the encoder or the content
of an imported Q&A file. A damaged cache file is rebuilt, never fatal. Until it exists, questions are answered
by word match (core.qa.words, keyed by the same passages key).
"""
from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

import numpy as np

from core.atomic import write_atomically, write_text_atomically
from core.checksums import file_sha256
from core.errors import FileScribeError
from core.qa.passages import DocSource, Passage, collect_passages, python_docs
from core.qa.text import HEADING, markdown_blocks, passage_units, plain_text

INDEX_FORMAT = 6  # bump when passages or their vectors would come out differently
INDEX_FILENAME = "qa-index.npz"
CACHE_DIR_ENV = "FILESCRIBE_CACHE_DIR"
QA_SOURCES_FILENAME = "qa_sources.json"
ENCODE_BATCH = 512  # units per progress step
ENCODER_BATCH_SIZE = 64  # units per forward pass

Progress = Callable[[int, int], None]  # (units encoded so far, total)
ShouldStop = Callable[[], bool]


class QAIndexError(FileScribeError):
    """The Q&A index cannot be built or read."""


class Cancelled(FileScribeError):
    """A Q&A operation was cancelled by its caller."""


class TextEncoder(Protocol):
    """What the index needs from a sentence encoder (LexicalEncoder fits)."""

    dimension: int
    identity: str

    def encode(self, texts: Sequence[str], batch_size: int = ...) -> np.ndarray: ...


@dataclass(frozen=True)
class Unit:
    """A sentence or list item of passage number `passage`; `block` is its block's position in the passage.

    A passage with nothing quotable is represented by its whole text, with `block` -1 and an empty `text`.
    """

    passage: int
    block: int
    text: str


@dataclass(frozen=True)
class UnitHit:
    """A unit of a found passage with its cosine similarity to the query."""

    text: str
    block: int
    score: float


@dataclass(frozen=True)
class Hit:
    """A passage found for a query: its score is that of its best unit; `units` are all of them, scored.

    A passage without quotable sentences has one unit standing for it all (`block` -1, empty `text`).
    """

    passage: Passage
    score: float
    units: tuple[UnitHit, ...] = ()


def index_units(passages: Sequence[Passage]) -> tuple[list[Unit], list[str]]:
    """The units of all passages, in passage order, and what the encoder reads for each ("heading: sentence")."""
    units: list[Unit] = []
    texts: list[str] = []
    for number, passage in enumerate(passages):
        blocks = markdown_blocks(passage.text)
        heading = blocks[0].text if blocks and blocks[0].kind == HEADING else ""
        found = passage_units(blocks)
        units.extend(Unit(number, block, text) for block, text in found)
        texts.extend(f"{heading}: {text}" if heading else text for _, text in found)
        if not found:
            units.append(Unit(number, -1, ""))
            texts.append(plain_text(blocks))
    return units, texts


class QAIndex:
    """Passages and the unit vectors of their sentences (float16 on disk, float32 in memory).

    A query scores every unit by cosine; a passage scores as its best unit.
    """

    def __init__(self, passages: Sequence[Passage], units: Sequence[Unit], vectors: np.ndarray,
                 manifest: dict[str, Any]) -> None:
        owners = np.fromiter((unit.passage for unit in units), dtype=np.int64, count=len(units))
        if len(units) != len(vectors) or not np.array_equal(np.unique(owners), np.arange(len(passages))) \
                or np.any(np.diff(owners) < 0):
            raise QAIndexError("the units do not cover the passages in order, one vector each")
        self.passages = list(passages)
        self.units = list(units)
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.manifest = manifest
        self._starts = np.searchsorted(owners, np.arange(len(passages)))
        self._ends = np.r_[self._starts[1:], len(units)].astype(np.int64)

    def __len__(self) -> int:
        return len(self.passages)

    def search(self, query: np.ndarray, k: int) -> list[Hit]:
        """The `k` passages whose best unit is closest to the unit vector `query`, best first."""
        if k <= 0 or not self.passages:
            return []
        unit_scores = self.vectors @ np.asarray(query, dtype=np.float32)
        scores = np.maximum.reduceat(unit_scores, self._starts)
        count = min(k, len(scores))
        top = np.argpartition(-scores, count - 1)[:count]
        return [self._hit(int(i), float(scores[i]), unit_scores) for i in top[np.argsort(-scores[top], kind="stable")]]

    def _hit(self, number: int, score: float, unit_scores: np.ndarray) -> Hit:
        """Passage `number` with its quotable units and their scores."""
        span = range(self._starts[number], self._ends[number])
        units = tuple(UnitHit(self.units[i].text, self.units[i].block, float(unit_scores[i])) for i in span)
        return Hit(self.passages[number], score, units)

    def save(self, path: Path) -> None:
        """Write the index to `path` atomically (temp file beside it, then rename)."""
        arrays: dict[str, Any] = {
            "manifest": json_bytes([self.manifest]),
            "passages": json_bytes([p.id, p.title, p.text] for p in self.passages),
            "units": json_bytes([u.passage, u.block, u.text] for u in self.units),
            "vectors": self.vectors.astype(np.float16),
        }
        write_atomically(path, lambda out: np.savez(out, **arrays))

    @classmethod
    def load(cls, path: Path) -> QAIndex:
        """Read an index written by `save`; any damage raises QAIndexError."""
        try:
            with np.load(path, allow_pickle=False) as data:
                (manifest,) = json_rows(data["manifest"])
                passages = [Passage(*row) for row in json_rows(data["passages"])]
                units = [Unit(*row) for row in json_rows(data["units"])]
                vectors = data["vectors"]
        except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
            raise QAIndexError(f"{path} is not a readable Q&A index: {exc}") from exc
        if not isinstance(manifest, dict) or vectors.ndim != 2:
            raise QAIndexError(f"{path} is not a readable Q&A index: bad manifest or vectors")
        return cls(passages, units, vectors, manifest)


def json_bytes(rows: Iterable[Any]) -> np.ndarray:
    """Rows as JSON lines in a uint8 array (how the .npz file stores text without pickle)."""
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    return np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)


def json_rows(array: np.ndarray) -> list[Any]:
    """The rows stored by `json_bytes`."""
    return [json.loads(line) for line in io.StringIO(bytes(array).decode("utf-8", "surrogatepass"))]


def build_index(passages: Sequence[Passage], encoder: TextEncoder, manifest: dict[str, Any],
                progress: Progress | None = None, should_stop: ShouldStop | None = None) -> QAIndex:
    """Encode the passages' units in batches of similar length (progress after each); `should_stop` cancels."""
    units, texts = index_units(passages)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # little padding per batch
    vectors = np.zeros((len(texts), encoder.dimension), dtype=np.float32)
    for start in range(0, len(order), ENCODE_BATCH):
        if should_stop is not None and should_stop():
            raise Cancelled("Building the Q&A index was cancelled.")
        batch = order[start : start + ENCODE_BATCH]
        vectors[batch] = encoder.encode([texts[i] for i in batch], batch_size=ENCODER_BATCH_SIZE)
        if progress is not None:
            progress(start + len(batch), len(texts))
    return QAIndex(passages, units, vectors, manifest)


def passages_key(docs: DocSource, data_files: Sequence[Path]) -> dict[str, Any]:
    """What the passages depend on: the index format, the documentation's identity, imported files' content."""
    data = [[str(path), file_sha256(path)] for path in data_files]
    return {"format": INDEX_FORMAT, "docs": docs.identity, "data": data}


def index_manifest(docs: DocSource, encoder: TextEncoder, data_files: Sequence[Path]) -> dict[str, Any]:
    """Everything the index depends on: the passages key and the encoder."""
    return {**passages_key(docs, data_files), "encoder": encoder.identity}


def vector_index_cached(docs: DocSource, data_files: Sequence[Path], cache_dir: Path | None = None) -> bool:
    """True when the cache holds a vector index of these passages (opening it takes seconds, not minutes); only its
    manifest is read, so the encoder it was built with is not checked."""
    path = (cache_dir or default_cache_dir()) / INDEX_FILENAME
    try:
        with np.load(path, allow_pickle=False) as data:
            (manifest,) = json_rows(data["manifest"])
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile, UnicodeDecodeError):
        return False
    key = passages_key(docs, existing_files(data_files, []))
    return isinstance(manifest, dict) and all(manifest.get(name) == value for name, value in key.items())


def default_cache_dir() -> Path:
    """FILESCRIBE_CACHE_DIR if set, else the platform's user cache folder."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("filescribe", appauthor=False))


SearchIndex = TypeVar("SearchIndex")


@dataclass
class OpenedIndex(Generic[SearchIndex]):
    """An index ready for search (vectors or words), whether it was (re)built, and what the user should be told."""

    index: SearchIndex
    built: bool
    notices: list[str] = field(default_factory=list)


def open_index(
    encoder: TextEncoder,
    *,
    docs: DocSource | None = None,
    data_files: Sequence[Path] = (),
    cache_dir: Path | None = None,
    rebuild: bool = False,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
) -> OpenedIndex[QAIndex]:
    """The cached index when it matches its sources, else a fresh one built and cached."""
    docs = docs or python_docs()
    notices: list[str] = []
    files = existing_files(data_files, notices)
    manifest = index_manifest(docs, encoder, files)
    path = (cache_dir or default_cache_dir()) / INDEX_FILENAME
    if not rebuild and path.is_file():
        try:
            cached = QAIndex.load(path)
            if cached.manifest == manifest and cached.vectors.shape[1:] == (encoder.dimension,):
                return OpenedIndex(cached, built=False, notices=notices)
        except QAIndexError as exc:
            notices.append(f"Rebuilding the Q&A index: {exc}")
    passages = collect_passages(docs, files, notices)
    index = build_index(passages, encoder, manifest, progress, should_stop)
    try:
        index.save(path)
    except OSError as exc:
        notices.append(f"Could not cache the Q&A index in {path}: {exc.strerror or exc}")
    return OpenedIndex(index, built=True, notices=notices)


def existing_files(paths: Sequence[Path], notices: list[str]) -> list[Path]:
    """The readable files among `paths` (absolute); a missing one is left out with a notice."""
    found = []
    for path in paths:
        if Path(path).is_file():
            found.append(Path(path).resolve())
        else:
            notices.append(f"Imported Q&A file {path} is missing; it is left out of the index.")
    return found


def qa_sources_file(data_dir: Path | None = None) -> Path:
    """The list of imported Q&A files that join the index, in the data dir."""
    from core.store import default_data_dir

    return (data_dir or default_data_dir()) / QA_SOURCES_FILENAME


def registered_qa_files(data_dir: Path | None = None) -> list[Path]:
    """Imported Q&A files registered for the index (a damaged list counts as empty)."""
    try:
        listed = json.loads(qa_sources_file(data_dir).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return []
    return [Path(p) for p in listed if isinstance(p, str)] if isinstance(listed, list) else []


def register_qa_file(path: Path, data_dir: Path | None = None) -> list[Path]:
    """Add `path` (absolute) to the registered Q&A files; returns the new list."""
    files = [p for p in registered_qa_files(data_dir) if p != path.resolve()] + [path.resolve()]
    write_text_atomically(qa_sources_file(data_dir), [json.dumps([str(p) for p in files], indent=1), "\n"])
    return files
