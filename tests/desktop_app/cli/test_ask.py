"""`filescribe ask` end to end on the fixture documentation (the real index is never built here): a quick answer
by word match until the index is built, the full one with --wait-for-index and from then on."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.qa.answerer import EXTRACTIVE_NOTICE, QUICK_NOTICE
from core.qa.index import INDEX_FILENAME, register_qa_file
from core.qa.words import WORDS_FILENAME
from desktop_app.cli.ask import WAIT_HINT
from desktop_app.cli.main import main
from tests.core.qa.test_answerer import copy_as_qa_model
from tests.core.qa.test_index import fixture_docs, write_qa_file

QUESTION = "How do I remove an item from a list?"


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture documentation stands in for Python's; the index is cached in a temporary folder."""
    monkeypatch.setattr("core.qa.session.python_docs", fixture_docs)
    monkeypatch.setenv("FILESCRIBE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def ask_jsonl(capsys, *args: str) -> dict:
    assert main(["ask", "--format", "jsonl", "-q", *args]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    return json.loads(line)


def test_the_first_answer_is_a_quick_one_and_no_vector_index_is_built(cache_dir: Path, capsys) -> None:
    assert main(["ask", "--format", "jsonl", QUESTION]) == 0
    captured = capsys.readouterr()
    record = json.loads(captured.out)
    assert record["mode"] == "quick" and record["notice"] == QUICK_NOTICE and '"s.remove(x)"' in record["answer"]
    assert "indexing the words of the Python documentation" in captured.err and WAIT_HINT in captured.err
    assert (cache_dir / WORDS_FILENAME).is_file() and not (cache_dir / INDEX_FILENAME).exists()
    assert main(["ask", "--format", "jsonl", "xyzzy plugh"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["answer"] == "No passage of the local documentation shares a word with this question."


def test_jsonl_is_one_object_with_the_answer_and_its_sources(capsys) -> None:
    record = ask_jsonl(capsys, "--wait-for-index", "--k", "3", QUESTION)
    assert set(record) == {"question", "answer", "mode", "model", "notice", "sources"}
    assert record["question"] == QUESTION and record["mode"] == "extractive" and record["notice"] == EXTRACTIVE_NOTICE
    assert '"s.remove(x)"' in record["answer"] and "[1]" in record["answer"]
    assert len(record["sources"]) == 3 and set(record["sources"][0]) == {"id", "title", "text", "score"}
    assert record["sources"][0]["title"] == "pydoc:topic:typesseq-mutable"


def test_text_shows_the_notice_the_answer_then_numbered_sources(capsys) -> None:
    assert main(["ask", "-q", "--wait-for-index", "How", "do", "I", "pause", "for", "two", "seconds?"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"({EXTRACTIVE_NOTICE})\n\ntime.sleep: Delay execution for a given number of seconds. [1]")
    sources = out[out.index("\nSources:\n") :].splitlines()
    assert sources[2].startswith("[1] stdlib:time.sleep#1  (score 0.")
    assert sources[3] == "    Delay execution for a given number of seconds. The argument may be a float."


def test_the_index_is_built_once_with_progress_then_read_from_the_cache(cache_dir: Path, capsys) -> None:
    assert main(["ask", "--wait-for-index", QUESTION]) == 0
    assert "indexing the Python documentation" in capsys.readouterr().err
    built = (cache_dir / INDEX_FILENAME).stat().st_mtime_ns
    assert main(["ask", QUESTION]) == 0  # the full answer at once: its index is cached
    err = capsys.readouterr().err
    assert "indexing" not in err and WAIT_HINT not in err and (cache_dir / INDEX_FILENAME).stat().st_mtime_ns == built
    assert main(["ask", "-q", "--rebuild-index", QUESTION]) == 0
    assert (cache_dir / INDEX_FILENAME).stat().st_mtime_ns != built


def test_imported_pairs_join_the_index(isolated_data_dir: Path, tmp_path: Path, capsys) -> None:
    register_qa_file(write_qa_file(tmp_path / "so.jsonl"), isolated_data_dir)
    record = ask_jsonl(capsys, "--wait-for-index", "How do I install numpy?")
    assert record["sources"][0]["id"] == "so:11:12#1"
    assert record["answer"].startswith("How do I install numpy? Run this in a terminal: [1]\n\n"
                                       "```\npython -m pip install numpy\n```")


def test_a_qa_model_generates_the_answer(tiny_model_dir: Path, tmp_path: Path, capsys) -> None:
    model = copy_as_qa_model(tiny_model_dir, tmp_path / "qa-model")
    record = ask_jsonl(capsys, "--wait-for-index", "--qa-model", str(model), "--device", "cpu",
                       "--max-answer-tokens", "6", QUESTION)
    assert record["mode"] == "generated" and record["model"] == "qa-model" and record["sources"]


@pytest.mark.parametrize(("args", "message"), [
    (["--k", "0", QUESTION], "--k and --max-answer-tokens must be at least 1"),
    (["   "], "give a question"),
    (["--qa-model", "/no/such/model", QUESTION], "No model folder at /no/such/model"),
])
def test_errors_are_one_clear_line(args: list[str], message: str, capsys) -> None:
    assert main(["ask", "-q", *args]) == 1
    assert message in capsys.readouterr().err
