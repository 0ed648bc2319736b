"""The example memory: filename -> description examples, found again by MiniLM cosine similarity."""
from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from core.describe.examples import Example, load_examples
from core.describe.file_types import unnumbered
from core.describe.memory_vectors import filename_vectors, shipped_vectors
from core.describe.prompts import clean_filename, filename_words
from resources import resource_path

if TYPE_CHECKING:
    from core.describe.lexical import LexicalEncoder
    from core.store import Store

CORRECTION_SOURCE = "correction"
NOT_FILES = frozenset({"python-api"})  # corpus sources that name functions and classes, not files: training only
DEFAULT_K = 3
DEFAULT_FLOOR = 0.45
QUERY_CHUNK = 256  # queries scored at once: bounds the score matrix to 256 x len(memory)
SAME_TYPE_BONUS = 1.0  # ranking: examples of the query's file type (see type_key) before any other
OVERLAP_WEIGHT = 0.5  # ranking: + this x the Jaccard overlap of filename words (chosen on the starter valid split)
OWN_BONUS = 0.3  # ranking: the user's own examples (corrections, example files) before the starter corpus's at a
# cosine up to this much lower: a user's words about their files outweigh general knowledge (admin-commands dev domain)
RERANK_POOL = 20  # candidates per query, by cosine and type, that the word overlap re-ranks


def name_words(filename: str) -> frozenset[str]:
    """The set of lower-case words in a filename, for the ranking's word overlap."""
    return frozenset(filename_words(clean_filename(filename)).split())


def word_overlap(query: frozenset[str], example: frozenset[str]) -> float:
    """Jaccard overlap of two word sets (0 when both are empty)."""
    union = len(query | example)
    return len(query & example) / union if union else 0.0


NO_EXTENSION = ""  # the kind of every name without an extension (programs, Makefile): a kind of its own
DOTFILE = "."  # the kind of every hidden file without an extension (.bashrc, .gitignore)
APPLE_DOUBLE = "._"  # the kind of macOS's AppleDouble companions, whatever the extension they copy (._IMG_4821.HEIC)
OFFICE_LOCK = "~$"  # the kind of the lock files Office and LibreOffice keep beside an open document (~$invoice.xlsx)
TESTS = "tests"  # test code is a kind of its own per language: "tests.py" for test_parser.py, "tests.go" for a_test.go
TEST_STEM = re.compile(r"tests?[_-].|.+[_.-](?:tests?|spec)\b|.*[a-z0-9](?:Tests?|Spec)\b|Test[A-Z]")  # see type_key
CODE_SUFFIXES = frozenset({".py", ".js", ".mjs", ".cjs", ".ts", ".jsx", ".tsx", ".java", ".kt", ".go", ".rb", ".rs",
                           ".c", ".cc", ".cpp", ".h", ".hpp", ".cs", ".php", ".swift", ".dart", ".vue", ".sh", ".scala",
                           ".ex", ".exs"})


def type_key(filename: str) -> str:
    """What mostly decides a file's kind: its last suffix (`.pdf`), else NO_EXTENSION, or DOTFILE for `.bashrc`, or
    APPLE_DOUBLE for `._report.pdf` (macOS's Finder data, no PDF), OFFICE_LOCK for `~$invoice.xlsx` and
    `.~lock.invoice.xlsx#` (no spreadsheet either), or TESTS and the suffix for test code.

    Names without an extension form one kind, so the memory's corrections of programs (`ps`, `jcmd`) count as
    the query's own kind for every other program. Test code (`test_parser.py`, `parser_test.go`, `App.test.js`,
    `Button.spec.ts`, `UserServiceTest.java`) is not the code it tests: `_parser.py`'s docstring is no description
    of `test_parser.py`.
    """
    name = unnumbered(clean_filename(filename))  # "error.log.1" is a log
    if name.startswith(APPLE_DOUBLE):
        return APPLE_DOUBLE
    if name.startswith((OFFICE_LOCK, ".~lock.")):
        return OFFICE_LOCK
    stem, dot, suffix = name.rpartition(".")
    if dot and stem.strip(".") and suffix.isalnum():
        suffix = f".{suffix.lower()}"
        return f"{TESTS}{suffix}" if suffix in CODE_SUFFIXES and TEST_STEM.match(stem) else suffix
    return DOTFILE if name.startswith(".") else NO_EXTENSION


@dataclass(frozen=True)
class Neighbour:
    """An example close to a query filename, with its cosine similarity."""

    filename: str
    description: str
    source: str
    score: float  # cosine of the filename vectors
    overlap: float = 0.0  # word_overlap of the filenames (0 when the query's name was not given)
    similarity: float = 0.0  # cosine + the memory's overlap weight x overlap: the decoding's neighbour weight
    same_type: bool = False  # of the query's file type (type_key; False when the query's name was not given)
    own: bool = False  # the user's own example (a correction or an example file), not the shipped corpus


class ExampleMemory:
    """Examples with unit-norm vectors; top-k cosine lookup by one matrix product, thread-safe."""

    def __init__(self, dimension: int, k: int = DEFAULT_K, floor: float = DEFAULT_FLOOR,
                 overlap_weight: float = OVERLAP_WEIGHT) -> None:
        self.dimension = dimension
        self.k = k
        self.floor = floor
        self.overlap_weight = overlap_weight
        self._examples: list[Example] = []
        self._index: dict[tuple[str, str], int] = {}
        self._vectors = np.zeros((0, dimension), dtype=np.float32)
        self._type_ids: dict[str, int] = {}
        self._types = np.zeros(0, dtype=np.int64)
        self._words: list[frozenset[str]] = []
        self._own = np.zeros(0, dtype=bool)
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._examples)

    @property
    def examples(self) -> list[Example]:
        """A copy of the stored examples, in insertion order."""
        with self._lock:
            return list(self._examples)

    def add(self, examples: Sequence[Example], vectors: np.ndarray, own: bool = False) -> int:
        """Add examples (row i of `vectors` is example i's filename vector); exact duplicates skipped. `own`: the
        user's (corrections, example files), ranked before general knowledge (OWN_BONUS)."""
        if len(examples) != len(vectors):
            raise ValueError("one vector per example")
        with self._lock:
            fresh = [i for i, e in enumerate(examples) if (e.filename, e.description) not in self._index]
            fresh = list({(examples[i].filename, examples[i].description): i for i in fresh}.values())
            for i in fresh:
                self._index[(examples[i].filename, examples[i].description)] = len(self._examples)
                self._examples.append(examples[i])
                self._words.append(name_words(examples[i].filename))
            if fresh:
                self._vectors = np.concatenate([self._vectors, np.asarray(vectors, np.float32)[fresh]])
                self._types = np.concatenate([self._types, self._type_ids_of([examples[i].filename for i in fresh])])
                self._own = np.concatenate([self._own, np.full(len(fresh), own)])
            return len(fresh)

    def _type_ids_of(self, filenames: Sequence[str]) -> np.ndarray:
        """Integer ids of the filenames' type keys (new keys get new ids)."""
        return np.asarray([self._type_ids.setdefault(type_key(n), len(self._type_ids)) for n in filenames], np.int64)

    def remove(self, filename: str, description: str) -> bool:
        """Forget one example; True if it was there."""
        with self._lock:
            position = self._index.pop((filename, description), None)
            if position is None:
                return False
            del self._examples[position]
            del self._words[position]
            self._vectors = np.delete(self._vectors, position, axis=0)
            self._types = np.delete(self._types, position)
            self._own = np.delete(self._own, position)
            self._index = {(e.filename, e.description): i for i, e in enumerate(self._examples)}
            return True

    def neighbours(self, queries: np.ndarray, filenames: Sequence[str] | None = None,
                   exclude: Sequence[Example | None] | None = None, k: int | None = None) -> list[list[Neighbour]]:
        """Top-k examples for each query vector, best first; `exclude[i]` is never returned.

        With the queries' `filenames`, examples of the same file type (type_key) rank first and always
        qualify, and the words the names share (word_overlap) refine the order; the others need a rank of
        at least the floor.
        """
        k = self.k if k is None else k
        queries = np.asarray(queries, np.float32)
        with self._lock:
            if not self._examples or k <= 0:
                return [[] for _ in range(len(queries))]
            types = self._type_ids_of(filenames) if filenames is not None else np.full(len(queries), -1)
            words = [name_words(name) for name in filenames] if filenames is not None else None
            found: list[list[Neighbour]] = []
            for start in range(0, len(queries), QUERY_CHUNK):
                end = start + QUERY_CHUNK
                chunk = exclude[start:end] if exclude is not None else ()
                found.extend(self._top(queries[start:end] @ self._vectors.T, types[start:end], k, chunk,
                                       None if words is None else words[start:end]))
            return found

    def _top(self, scores: np.ndarray, types: np.ndarray, k: int, skipped: Sequence[Example | None],
             words: Sequence[frozenset[str]] | None) -> list[list[Neighbour]]:
        """Per row of `scores`, the k best examples, best first; row i's `skipped[i]` left out.

        Candidates are ranked by cosine, type and whether they are the user's own; with the query `words`, the best
        RERANK_POOL of them are re-ranked with the word overlap added. Of examples with the same description only
        the best is kept; the floor ignores the own bonus.
        """
        ranks = scores + SAME_TYPE_BONUS * (types[:, None] == self._types[None, :]) + OWN_BONUS * self._own[None, :]
        for row, example in enumerate(skipped):
            position = self._index.get((example.filename, example.description)) if example is not None else None
            if position is not None:
                ranks[row, position] = -np.inf
        count = min(max(k, RERANK_POOL), ranks.shape[1])  # more than k: some may share a description
        top = np.argpartition(-ranks, count - 1, axis=1)[:, :count]
        found = []
        for row, candidates in enumerate(top):
            overlaps = ([word_overlap(words[row], self._words[i]) for i in candidates] if words is not None
                        else [0.0] * len(candidates))
            final = ranks[row, candidates] + self.overlap_weight * np.asarray(overlaps)
            best = self._distinct(candidates, np.argsort(-final, kind="stable"), k)
            found.append([self._neighbour(int(candidates[j]), float(scores[row, candidates[j]]), overlaps[j],
                                          bool(types[row] == self._types[candidates[j]]))
                          for j in best if final[j] - OWN_BONUS * self._own[candidates[j]] >= self.floor])
        return found

    def _distinct(self, candidates: np.ndarray, order: np.ndarray, k: int) -> list[int]:
        """The first k positions of `order` whose examples' descriptions differ: three names with one description
        ("Presentation1/2/3.pptx") take one place, not all."""
        chosen: list[int] = []
        seen: set[str] = set()
        for position in order:
            description = self._examples[int(candidates[position])].description
            if description not in seen:
                seen.add(description)
                chosen.append(int(position))
                if len(chosen) == k:
                    break
        return chosen

    def _neighbour(self, index: int, score: float, overlap: float, same_type: bool) -> Neighbour:
        """The Neighbour record of example `index`."""
        example = self._examples[index]
        return Neighbour(example.filename, example.description, example.source, score, overlap,
                         score + self.overlap_weight * overlap + OWN_BONUS * bool(self._own[index]), same_type,
                         bool(self._own[index]))

    def signature(self) -> str:
        """Changes whenever the set of examples changes (for logs and reports)."""
        digest = hashlib.sha256()
        with self._lock:
            for example in self._examples:
                digest.update(f"{example.filename}\0{example.description}\n".encode("utf-8", "surrogatepass"))
        return digest.hexdigest()[:16]


STARTER_MEMORY_ENV = "FILESCRIBE_STARTER_MEMORY"  # another file in its place (the tests use a slice of it)


def starter_memory_file() -> Path:
    """The starter model's training examples, the memory's general knowledge (FILESCRIBE_STARTER_MEMORY overrides)."""
    override = os.environ.get(STARTER_MEMORY_ENV)
    return Path(override) if override else resource_path("data", "starter_splits", "train.jsonl")


def correction_examples(store: Store) -> list[Example]:
    """The user's corrections as memory examples."""
    return [Example(c.filename, c.description, CORRECTION_SOURCE) for c in store.corrections()]


def file_examples(paths: Sequence[Path]) -> list[Example]:
    """Examples of JSONL files (`filename`, `file_desc`); malformed lines are skipped."""
    examples: list[Example] = []
    for path in paths:
        examples.extend(load_examples(path)[0])
    return examples


def describes_files(examples: Sequence[Example]) -> list[bool]:
    """Per example, whether it describes a file (its source is not in NOT_FILES) and so belongs in the memory.

    A function's docstring is no description of a file that shares its name: "config" would read as
    pysidedeploy's "wrapper class around pysidedeploy.spec file", "kill" as a function that "reminds you ...".
    """
    return [example.source not in NOT_FILES for example in examples]


def build_memory(encoder: LexicalEncoder, examples: Sequence[Example], k: int = DEFAULT_K, floor: float = DEFAULT_FLOOR,
                 overlap_weight: float = OVERLAP_WEIGHT, own: bool = False) -> ExampleMemory:
    """A memory holding `examples` (the user's own if `own`), their filenames encoded in batches."""
    memory = ExampleMemory(encoder.dimension, k=k, floor=floor, overlap_weight=overlap_weight)
    memory.add(examples, filename_vectors(encoder, examples), own=own)
    return memory


def default_memory(encoder: LexicalEncoder, store: Store | None, extra: Sequence[Path] = (),
                   with_starter: bool = True) -> ExampleMemory:
    """Corrections first, then extra JSONL files, then the starter corpus's files (if shipped, with its shipped
    vectors; see `describes_files`)."""
    examples = correction_examples(store) if store is not None else []
    examples += file_examples(extra)
    memory = build_memory(encoder, examples, own=True)
    starter = starter_memory_file()
    if with_starter and starter.is_file():
        starter_examples = file_examples([starter])
        vectors = shipped_vectors(starter, len(starter_examples), encoder)
        kept = describes_files(starter_examples)
        starter_examples = [example for example, keep in zip(starter_examples, kept, strict=True) if keep]
        memory.add(starter_examples, filename_vectors(encoder, starter_examples) if vectors is None else vectors[kept])
    return memory
