"""Q&A passages from documentation and Q&A files; the index: retrieval and its cache (manifest, corruption)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from core.qa.index import INDEX_FILENAME, Cancelled, QAIndex, open_index, register_qa_file, registered_qa_files
from core.qa.passages import DocSource, doc_passages, is_useful, qa_file_passages

# Small documentation in the shapes the interpreter ships: pydoc topics (tables, headings) and docstrings.
FIXTURE_DOCS = [
    ("pydoc:topic:typesseq-mutable", '''Mutable Sequence Types
**********************

The operations in the following table are defined on mutable sequence types such as lists.

+--------------------------------+----------------------------------+
| Operation                      | Result                           |
|================================|==================================|
| "s.append(x)"                  | appends *x* to the end of the    |
|                                | sequence                         |
+--------------------------------+----------------------------------+
| "s.remove(x)"                  | remove the first item from *s*   |
|                                | where "s[i]" is equal to *x*     |
+--------------------------------+----------------------------------+
| "s.reverse()"                  | reverses the items of *s* in     |
|                                | place                            |
+--------------------------------+----------------------------------+
'''),
    ("pydoc:topic:tuples", '''Tuples
======

Tuples are immutable sequences, typically used to store collections of heterogeneous data. Lists are
mutable sequences, typically used to store collections of homogeneous items.
'''),
    ("stdlib:json.dumps", '''Serialize obj to a JSON formatted str.

Use it to turn a Python dictionary or list into a JSON string:

>>> json.dumps({"name": "Ada", "tags": [1, 2]})
'{"name": "Ada", "tags": [1, 2]}'
'''),
    ("stdlib:pathlib.Path.write_text", "Open the file in text mode, write the given text to it, and close the file."),
    ("stdlib:os.listdir", "Return a list containing the names of the files and folders in the directory."),
    ("stdlib:time.sleep", "Delay execution for a given number of seconds. The argument may be a float."),
    ("stdlib:random.shuffle", "Shuffle list x in place, and return None; the order of the items becomes random."),
    ("stdlib:math.sqrt", "Return the square root of x, a non-negative number."),
]
FIXTURE_IDENTITY = "fixture docs v1"


def fixture_docs(identity: str = FIXTURE_IDENTITY, texts=FIXTURE_DOCS) -> DocSource:
    """The fixture documentation as a DocSource."""
    return DocSource(identity, lambda: list(texts))


def write_qa_file(path: Path) -> Path:
    """A `qa prepare`-shaped JSONL file with two pairs and one broken line."""
    records = [
        {"question_id": 11, "answer_id": 12, "title": "How do I install numpy?", "question": "How do I install numpy?",
         "answer": "Run this in a terminal:\n\n```\npython -m pip install numpy\n```"},
        {"question_id": 21, "answer_id": 22, "title": "Merge two dicts",
         "question": "Merge two dicts in one expression", "answer": "Use `{**a, **b}` or `a | b` in Python 3.9."},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records) + "{broken\n", encoding="utf-8")
    return path


@pytest.fixture()
def fixture_index(qa_encoder, tmp_path: Path) -> QAIndex:
    """The fixture documentation indexed in a temporary cache dir."""
    return open_index(qa_encoder, docs=fixture_docs(), cache_dir=tmp_path / "cache").index


def test_doc_passages_are_headed_chunks_with_numbered_ids() -> None:
    (table,) = doc_passages(*FIXTURE_DOCS[0])
    assert table.id == "pydoc:topic:typesseq-mutable#1" and table.title == "pydoc:topic:typesseq-mutable"
    assert table.text.startswith("## Mutable Sequence Types\n\n")
    assert '- "s.remove(x)" — remove the first item from s where "s[i]" is equal to x' in table.text
    (dumps,) = doc_passages(*FIXTURE_DOCS[2])
    assert dumps.text.startswith("## json.dumps\n\n") and "```\n>>> json.dumps(" in dumps.text
    assert doc_passages("stdlib:x.__repr__", "Return repr(self).") == []  # too short to say anything


def test_private_and_removed_docs_are_left_out() -> None:
    assert is_useful("stdlib:json.dumps") and is_useful("stdlib:_pyio.open") and is_useful("stdlib:list.__init__")
    assert not is_useful("stdlib:json.decoder._scan_once") and not is_useful("stdlib:os._Environ.copy")
    assert not is_useful("stdlib:distutils.file_util.write_file") and is_useful("pydoc:topic:imports")


@pytest.mark.parametrize(("question", "title"), [
    ("How do I remove an item from a list?", "pydoc:topic:typesseq-mutable"),
    ("What is the difference between a list and a tuple?", "pydoc:topic:tuples"),
    ("How do I convert a dictionary to a JSON string?", "stdlib:json.dumps"),
    ("How can I write text to a file?", "stdlib:pathlib.Path.write_text"),
    ("How do I get the names of all files in a folder?", "stdlib:os.listdir"),
    ("How do I pause my program for two seconds?", "stdlib:time.sleep"),
])
def test_retrieval_finds_the_passage_with_the_answer(fixture_index: QAIndex, qa_encoder, question: str,
                                                     title: str) -> None:
    hits = fixture_index.search(qa_encoder.encode([question])[0], k=3)
    assert hits[0].passage.title == title
    assert hits[0].score > hits[1].score > hits[2].score
    assert hits[0].score == max(unit.score for unit in hits[0].units)


def test_qa_files_give_passages_headed_by_the_question(tmp_path: Path) -> None:
    from core.describe.examples import LoadReport

    report = LoadReport()
    passages = list(qa_file_passages(write_qa_file(tmp_path / "so.jsonl"), report))
    assert [p.id for p in passages] == ["so:11:12#1", "so:21:22#1"]
    assert passages[0].title == "How do I install numpy?"
    assert passages[0].text == ("## How do I install numpy?\n\nRun this in a terminal:\n\n"
                                "```\npython -m pip install numpy\n```")
    assert report.kept == 2 and len(report.problems) == 1 and ":3:" in report.problems[0]


def test_the_cache_is_reused_then_rebuilt_when_a_source_changes(qa_encoder, tmp_path: Path) -> None:
    cache, data = tmp_path / "cache", write_qa_file(tmp_path / "so.jsonl")
    first = open_index(qa_encoder, docs=fixture_docs(), data_files=[data], cache_dir=cache)
    assert first.built and (cache / INDEX_FILENAME).is_file()
    assert first.notices and "1 lines skipped" in first.notices[0]
    again = open_index(qa_encoder, docs=fixture_docs(), data_files=[data], cache_dir=cache)
    assert not again.built and [p.id for p in again.index.passages] == [p.id for p in first.index.passages]
    np.testing.assert_allclose(again.index.vectors, first.index.vectors, atol=1e-3)  # float16 on disk
    assert open_index(qa_encoder, docs=fixture_docs("python 3.99"), data_files=[data], cache_dir=cache).built
    data.write_text(data.read_text(encoding="utf-8").replace("numpy", "scipy"), encoding="utf-8")
    changed = open_index(qa_encoder, docs=fixture_docs("python 3.99"), data_files=[data], cache_dir=cache)
    assert changed.built and any("scipy" in p.text for p in changed.index.passages)
    assert open_index(qa_encoder, docs=fixture_docs("python 3.99"), cache_dir=cache).built  # data file removed
    assert open_index(qa_encoder, docs=fixture_docs("python 3.99"), cache_dir=cache, rebuild=True).built
    assert sorted(p.name for p in cache.iterdir()) == [INDEX_FILENAME]  # no temp files left behind


@pytest.mark.parametrize("damage", [b"not a zip file", b""])
def test_a_corrupt_cache_is_rebuilt_not_fatal(qa_encoder, tmp_path: Path, damage: bytes) -> None:
    cache = tmp_path / "cache"
    open_index(qa_encoder, docs=fixture_docs(), cache_dir=cache)
    (cache / INDEX_FILENAME).write_bytes(damage)
    opened = open_index(qa_encoder, docs=fixture_docs(), cache_dir=cache)
    assert opened.built and "Rebuilding the Q&A index" in opened.notices[0]
    assert not open_index(qa_encoder, docs=fixture_docs(), cache_dir=cache).built


def test_a_truncated_cache_is_rebuilt(qa_encoder, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    open_index(qa_encoder, docs=fixture_docs(), cache_dir=cache)
    path = cache / INDEX_FILENAME
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert open_index(qa_encoder, docs=fixture_docs(), cache_dir=cache).built


def test_missing_data_files_are_left_out_with_a_notice(qa_encoder, tmp_path: Path) -> None:
    opened = open_index(qa_encoder, docs=fixture_docs(), data_files=[tmp_path / "gone.jsonl"], cache_dir=tmp_path)
    assert opened.index.manifest["data"] == [] and "gone.jsonl is missing" in opened.notices[0]


def test_the_cache_dir_comes_from_the_environment(qa_encoder, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FILESCRIBE_CACHE_DIR", str(tmp_path / "env-cache"))
    open_index(qa_encoder, docs=fixture_docs())
    assert (tmp_path / "env-cache" / INDEX_FILENAME).is_file()


def test_build_reports_progress_and_can_be_cancelled(qa_encoder, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    opened = open_index(qa_encoder, docs=fixture_docs(), cache_dir=tmp_path, progress=lambda d, n: seen.append((d, n)))
    units = len(opened.index.units)
    assert seen[-1] == (units, units) and units > len(opened.index)
    with pytest.raises(Cancelled):
        open_index(qa_encoder, docs=fixture_docs("other"), cache_dir=tmp_path, should_stop=lambda: True)


def test_registered_files(tmp_path: Path) -> None:
    assert registered_qa_files(tmp_path) == []
    register_qa_file(tmp_path / "a.jsonl", tmp_path)
    register_qa_file(tmp_path / "b.jsonl", tmp_path)
    assert register_qa_file(tmp_path / "a.jsonl", tmp_path) == [tmp_path / "b.jsonl", tmp_path / "a.jsonl"]
    (tmp_path / "qa_sources.json").write_text("{damaged")
    assert registered_qa_files(tmp_path) == []
