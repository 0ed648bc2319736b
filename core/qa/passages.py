"""Passages for the Q&A index: Python's own documentation and imported Q&A pairs, chunked and headed.

Documentation comes as (source_id, text): pydoc topics, public stdlib docstrings and built-ins; removed
modules and private names are left out. Each text becomes passages of at most MAX_PASSAGE_WORDS words in
light Markdown, each headed by its section.
"""
from __future__ import annotations

import itertools
import sys
import sysconfig
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.describe.examples import LoadReport, iter_json_lines, text_field
from core.qa.text import HEADING, Block, chunk_blocks, doc_blocks, markdown_blocks, plain_text, render

MAX_PASSAGE_WORDS = 150
MIN_PASSAGE_WORDS = 5  # "Return self." and similar stubs say nothing
MAX_TITLE_CHARS = 120
# Modules deprecated and removed from later Pythons (PEP 632, PEP 594): their advice is obsolete.
REMOVED_MODULES = ("distutils", "lib2to3", "imp", "asynchat", "asyncore", "smtpd")


@dataclass(frozen=True)
class Passage:
    """A retrievable piece of text: `id` is unique ("stdlib:json.dumps#1"), `title` names its source."""

    id: str
    title: str
    text: str


@dataclass(frozen=True)
class DocSource:
    """Documentation texts as (source_id, text) and an identity that changes whenever they may change."""

    identity: str
    texts: Callable[[], Iterable[tuple[str, str]]]


def python_docs() -> DocSource:
    """The running interpreter's pydoc topics, stdlib docstrings and built-ins (identity: Python's version)."""
    from core.qa.builtin_docs import builtin_doc_texts
    from core.qa.pydocs import python_doc_texts

    def texts() -> Iterator[tuple[str, str]]:
        documents = itertools.chain(python_doc_texts(), builtin_doc_texts())
        return ((source, text) for source, text in documents if is_useful(source))

    return DocSource(f"python {sys.version} {sysconfig.get_paths()['stdlib']}", texts)


def is_useful(source_id: str) -> bool:
    """False for private names (`stdlib:json.decoder._scan`; private modules like `_pyio` stay) and removed modules."""
    names = source_id.split(":")[-1].split(".")
    private = any(name.startswith("_") and not name.endswith("__") for name in names[1:])
    return not private and not (source_id.startswith("stdlib:") and names[0] in REMOVED_MODULES)


def source_label(source_id: str) -> str:
    """Human name of a documentation source: `stdlib:json.dumps` -> `json.dumps`, `pydoc:topic:lists` -> `lists`."""
    return source_id.split(":")[-1]


def doc_passages(source_id: str, text: str) -> list[Passage]:
    """Passages of one documentation text, each headed by its section (or by the source's name)."""
    blocks = doc_blocks(text)
    if not blocks or blocks[0].kind != HEADING:
        blocks.insert(0, Block(HEADING, source_label(source_id)))
    return chunked_passages(source_id, source_id, blocks)


def chunked_passages(id_prefix: str, title: str, blocks: Sequence[Block]) -> list[Passage]:
    """Passages `id_prefix#1`, `#2`... of `blocks`; chunks with almost no words are dropped."""
    chunks = [c for c in chunk_blocks(blocks, MAX_PASSAGE_WORDS)
              if sum(b.words for b in c if b.kind != HEADING) >= MIN_PASSAGE_WORDS]
    return [Passage(f"{id_prefix}#{n}", title, render(chunk)) for n, chunk in enumerate(chunks, start=1)]


def qa_file_passages(path: Path, report: LoadReport) -> Iterator[Passage]:
    """Passages of the answers in a question/answer JSONL file (`qa prepare` output or any such file)."""
    for line_no, record in iter_json_lines(path, report, strict=False):
        question, answer = text_field(record, "question"), record.get("answer")
        if question is None or not isinstance(answer, str) or not answer.strip():
            report.problems.append(f"{path}:{line_no}: needs text fields 'question' and 'answer'")
            continue
        title = text_field(record, "title") or question[:MAX_TITLE_CHARS]
        qid, aid = record.get("question_id"), record.get("answer_id")
        prefix = f"so:{qid}:{aid}" if qid is not None and aid is not None else f"{path.name}:{line_no}"
        report.kept += 1
        yield from chunked_passages(prefix, title, [Block(HEADING, title), *markdown_blocks(answer)])


def passage_text(passage: Passage) -> str:
    """A passage as one line of plain text, heading first (the model's context, a stand-in unit's vector)."""
    return plain_text(markdown_blocks(passage.text))


def unique_passages(passages: Iterable[Passage]) -> list[Passage]:
    """Passages with distinct ids and distinct bodies (text below the heading), first one kept.

    The same text often ships twice (`typesseq-mutable` is a section of `typesseq`; `_pyio` copies `io`).
    """
    seen_ids: set[str] = set()
    seen_bodies: set[str] = set()
    kept = []
    for passage in passages:
        body = passage.text.split("\n\n", 1)[-1] if passage.text.startswith("## ") else passage.text
        if passage.id not in seen_ids and body not in seen_bodies:
            seen_ids.add(passage.id)
            seen_bodies.add(body)
            kept.append(passage)
    return kept


def collect_passages(docs: DocSource, data_files: Sequence[Path], notices: list[str]) -> list[Passage]:
    """All passages: the documentation first, then each imported Q&A file (bad lines counted in a notice)."""
    passages = [p for source, text in docs.texts() for p in doc_passages(source, text)]
    for path in data_files:
        report = LoadReport()
        passages.extend(qa_file_passages(path, report))
        if report.problems:
            notices.append(f"{path}: {len(report.problems)} lines skipped, first: {report.problems[0]}")
    return unique_passages(passages)
