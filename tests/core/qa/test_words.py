"""The word-match index (SQLite FTS5): quick answers before the vector index exists, its cache and its key, any
thread; the session that answers quickly, then in full."""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from core.qa.answerer import EXTRACTIVE, NO_WORD_MATCH, QUICK, QUICK_NOTICE, QAOptions, quick_answer
from core.qa.index import INDEX_FILENAME, QAIndexError, vector_index_cached
from core.qa.session import QASession
from core.qa.words import WORDS_FILENAME, WordIndex, open_word_index, query_terms
from tests.core.qa.test_index import fixture_docs, write_qa_file


@pytest.fixture()
def words(tmp_path: Path) -> WordIndex:
    """The fixture documentation's word index in a temporary cache dir."""
    return open_word_index(fixture_docs(), cache_dir=tmp_path / "cache").index


def test_sqlite_here_has_fts5() -> None:
    with sqlite3.connect(":memory:") as db:
        db.execute("CREATE VIRTUAL TABLE t USING fts5 (words)")


def test_question_words_leave_out_stop_words_but_not_python_keywords() -> None:
    assert query_terms("How do I use the WITH statement, in Python?") == ["with", "statement", "in"]
    assert query_terms("how do I?") == []


@pytest.mark.parametrize(("question", "title"), [
    ("How do I remove an item from a list?", "pydoc:topic:typesseq-mutable"),
    ("How do I convert a dictionary to a JSON string?", "stdlib:json.dumps"),
    ("How can I write text to a file?", "stdlib:pathlib.Path.write_text"),
    ("How do I pause for two seconds?", "stdlib:time.sleep"),
])
def test_word_search_finds_the_passage_that_shares_the_words(words: WordIndex, question: str, title: str) -> None:
    hits = words.search(question, k=3)
    assert hits[0].passage.title == title and hits[0].score == 1.0
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:], strict=False))
    assert hits[0].score == max(unit.score for unit in hits[0].units)


def test_a_quick_answer_quotes_and_cites_the_matching_sentences(words: WordIndex) -> None:
    answer = quick_answer(words, "How do I pause for two seconds?")
    assert answer.mode == QUICK and answer.notice == QUICK_NOTICE
    assert answer.text.startswith("time.sleep: Delay execution for a given number of seconds. [1]")
    assert answer.sources[0].id == "stdlib:time.sleep#1"


def test_a_question_without_a_shared_word_says_so(words: WordIndex) -> None:
    for question in ("xyzzy plugh?", "How do I?"):
        answer = quick_answer(words, question)
        assert answer.text == NO_WORD_MATCH and answer.sources == [] and answer.mode == QUICK


def test_the_word_index_is_cached_beside_the_vector_index_and_rebuilt_when_its_passages_change(
        tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert open_word_index(fixture_docs(), cache_dir=cache).built and (cache / WORDS_FILENAME).is_file()
    assert not open_word_index(fixture_docs(), cache_dir=cache).built
    assert open_word_index(fixture_docs("fixture docs v2"), cache_dir=cache).built  # another Python's docs
    data = write_qa_file(tmp_path / "so.jsonl")
    opened = open_word_index(fixture_docs("fixture docs v2"), [data], cache_dir=cache)
    assert opened.built and opened.index.search("install numpy", 1)[0].passage.id == "so:11:12#1"
    assert [p.name for p in cache.iterdir()] == [WORDS_FILENAME]  # no temporary file left


def test_a_damaged_word_index_is_rebuilt(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / WORDS_FILENAME).write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(QAIndexError):
        WordIndex.load(cache / WORDS_FILENAME)
    opened = open_word_index(fixture_docs(), cache_dir=cache)
    assert opened.built and opened.notices[0].startswith("Rebuilding the word index:")
    assert opened.index.search("JSON", 1)[0].passage.title == "stdlib:json.dumps"


def test_an_unwritable_cache_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(QAIndexError, match="Could not write the word index"):
        open_word_index(fixture_docs(), cache_dir=blocker / "cache")


def test_any_thread_can_search(words: WordIndex) -> None:
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(words.search("JSON string", 1)[0].passage.title))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["stdlib:json.dumps"] * 4


def test_the_session_answers_by_word_match_until_its_full_engine_is_open(qa_encoder, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    session = QASession(QAOptions(device="cpu", cache_dir=cache), docs=fixture_docs(), encoder=qa_encoder)
    with pytest.raises(QAIndexError):
        session.ask("How do I remove an item from a list?")
    session.open_words()
    assert session.mode == QUICK and not session.index_cached() and not (cache / INDEX_FILENAME).exists()
    quick = session.ask("How do I remove an item from a list?")
    assert quick.mode == QUICK and '"s.remove(x)"' in quick.text
    seen: list[tuple[int, int]] = []
    session.open_full(lambda done, total: seen.append((done, total)))
    assert seen and session.mode == EXTRACTIVE and session.index_cached()
    full = session.ask("How do I remove an item from a list?")
    assert full.mode == EXTRACTIVE and '"s.remove(x)"' in full.text
    again = QASession(QAOptions(device="cpu", cache_dir=cache), docs=fixture_docs(), encoder=qa_encoder)
    assert again.index_cached()
    assert not vector_index_cached(fixture_docs("another Python"), [], cache)
