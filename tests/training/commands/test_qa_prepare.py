"""`filescribe qa prepare` on Kaggle-format fixture CSVs: selection, HTML, encodings, bad rows, splits, memory."""
from __future__ import annotations

import csv
import io
import json
import tracemalloc
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from training.cli import build_parser
from training.commands.qa_prepare import SPLIT_NAMES, PrepareReport, html_to_text, select_answers, split_of, split_path

QUESTION_HEADER = ["Id", "OwnerUserId", "CreationDate", "Score", "Title", "Body"]
ANSWER_HEADER = ["Id", "OwnerUserId", "CreationDate", "ParentId", "Score", "Body"]
QUESTIONS = [  # id, score, title, body
    (1, 10, "How do I reverse a list?", "<p>I have <code>x = [1, 2]</code>\nand want it <em>reversed</em>.</p>"),
    (2, 3, "List vs tuple &amp; when to use which", "<p>What is the difference?</p>"),
    (3, 1, "Only weak answers", "<p>Nobody knew.</p>"),
    (4, 0, "Only downvoted answers", "<p>Bad idea.</p>"),
    (5, 2, "Un café en Python", "<p>Why does caf\xe9 print oddly?</p>"),
    (6, 0, "No answers at all", "<p>Silence.</p>"),
    (7, 8, "Read a file line by line", "<p>How?</p>"),
    (8, 4, "Sort a dict by value", "<p>Sorting question.</p>"),
    (9, 1, "Check if a key exists", "<p>In a dict.</p>"),
    (10, 6, "Merge two dicts", "<p>In one expression.</p>"),
    (11, 2, "Install numpy", "<p>pip fails.</p>"),
    (12, 5, "Flatten a list of lists", "<p>Nested.</p>"),
]
ANSWERS = [  # id, parent, score, body
    (101, 1, 5, "<p>Use slicing:</p>\n<pre><code>x[::-1]\n\nfor item in reversed(x):\n    print(item)\n</code></pre>"),
    (102, 1, 3, "<p>Or <code>x.reverse()</code> in place.</p>"),
    (103, 1, 2, "<p>Third best: left out by the top two.</p>"),
    (104, 1, 1, "<p>Below the threshold.</p>"),
    (201, 2, 2, "<p>Tuples are immutable.</p>"),
    (202, 2, 2, "<ul><li>Lists are mutable.</li><li>Tuples are hashable.</li></ul>"),
    (203, 2, 2, "<p>Same score but newer: left out.</p>"),
    (301, 3, 1, "<p>Weak.</p>"),
    (401, 4, -3, "<p>Downvoted.</p>"),
    (501, 5, 4, "<p>Encode it: caf\xe9 needs UTF-8.</p>"),
    (701, 7, 9, "<pre><code>with open(path) as f:\n    for line in f:\n        print(line)\n</code></pre>"),
    (801, 8, 2, "<p><code>sorted(d.items(), key=lambda kv: kv[1])</code></p>"),
    (901, 9, 3, "<p><code>if key in d:</code> works.<br>Fast too.</p>"),
    (1001, 10, 7, "<p><code>{**a, **b}</code> or <code>a | b</code>.</p>"),
    (1101, 11, 2, "<p>Run <code>python -m pip install numpy</code>.</p>"),
    (1201, 12, 2, "<p>Use a comprehension &lt;3.</p>"),
    (9901, 99, 9, "<p>Orphan: its question is not in the file.</p>"),
]
EXPECTED_PAIRS = [(1, 101), (1, 102), (2, 201), (2, 202), (5, 501), (7, 701), (8, 801), (9, 901), (10, 1001),
                  (11, 1101), (12, 1201)]


def csv_text(header: list[str], rows: list[list[object]]) -> str:
    """CSV text as the Kaggle dump writes it (multi-line quoted fields, \\n line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


@pytest.fixture()
def kaggle(tmp_path: Path) -> dict:
    """Questions.csv in Latin-1, Answers.csv in UTF-8 with one Latin-1 row and three malformed rows."""
    questions = tmp_path / "Questions.csv"
    rows = [[qid, "NA", "2008-08-01T13:57:07Z", score, title, body] for qid, score, title, body in QUESTIONS]
    questions.write_bytes(csv_text(QUESTION_HEADER, rows).encode("latin-1"))
    text = csv_text(ANSWER_HEADER, [[aid, 3, "2008-08-02T00:00:00Z", parent, score, body]
                                    for aid, parent, score, body in ANSWERS if aid != 501])
    bad_lines = text.count("\n") + 1
    text += '105,1,2008,1,abc,"<p>score is not a number</p>"\n106,1,2008\n107,1,2008,1,"5"x,"<p>quote</p>"\n'
    text += '108,1,2008,2,1,"<p>fine again after the bad rows</p>"\n'
    answers = tmp_path / "Answers.csv"
    latin1_row = '501,3,2008,5,4,"<p>Encode it: caf\xe9 needs UTF-8.</p>"\n'.encode("latin-1")
    answers.write_bytes(text.encode("utf-8") + latin1_row)
    return {"questions": questions, "answers": answers, "out": tmp_path / "out" / "so.jsonl",
            "bad_lines": [bad_lines, bad_lines + 1, bad_lines + 2]}


def prepare(kaggle: dict, *options: str) -> int:
    """Run `filescribe qa prepare` on the fixture files."""
    return main(["qa", "prepare", "--questions", str(kaggle["questions"]), "--answers", str(kaggle["answers"]),
                 "--out", str(kaggle["out"]), "-q", *options])


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_keeps_the_top_two_answers_scoring_two_or_more(kaggle: dict, capsys) -> None:
    assert prepare(kaggle, "--no-register") == 0
    records = read_jsonl(kaggle["out"])
    assert [(r["question_id"], r["answer_id"]) for r in records] == EXPECTED_PAIRS
    assert [r["id"] for r in records] == list(range(1, len(EXPECTED_PAIRS) + 1))
    first = records[0]
    assert first["question"] == "How do I reverse a list?\n\nI have `x = [1, 2]` and want it reversed."
    assert first["answer"] == "Use slicing:\n\n```\nx[::-1]\n\nfor item in reversed(x):\n    print(item)\n```"
    assert first["score"] == 5 and first["title"] == "How do I reverse a list?"
    by_answer = {r["answer_id"]: r for r in records}
    assert by_answer[201]["title"] == "List vs tuple & when to use which"
    assert by_answer[202]["answer"] == "- Lists are mutable.\n\n- Tuples are hashable."
    assert by_answer[501]["answer"] == "Encode it: café needs UTF-8."  # a Latin-1 byte in a UTF-8 file
    assert by_answer[501]["question"] == "Un café en Python\n\nWhy does café print oddly?"  # a Latin-1 file
    assert by_answer[901]["answer"] == "`if key in d:` works. Fast too."
    assert "<3" in by_answer[1201]["answer"]
    summary = capsys.readouterr().err
    assert f"{len(ANSWERS) + 1} answers read, 14 with score >= 2; 12 questions read; 11 pairs" in summary


def test_malformed_rows_are_reported_with_their_line_and_skipped(kaggle: dict, capsys) -> None:
    assert prepare(kaggle, "--no-register") == 0
    err = capsys.readouterr().err
    first, second, third = kaggle["bad_lines"]
    assert f"{kaggle['answers']}:{first}: Score 'abc' is not an integer" in err
    assert f"{kaggle['answers']}:{second}: expected 6 fields, found 3" in err
    assert f"{kaggle['answers']}:{third}: malformed CSV" in err
    assert err.count("skipped") == 3


def test_splits_add_up_keep_questions_together_and_are_deterministic(kaggle: dict) -> None:
    assert prepare(kaggle, "--no-register", "--split", "0.5,0.25,0.25", "--seed", "3") == 0
    records = read_jsonl(kaggle["out"])
    splits = {name: read_jsonl(split_path(kaggle["out"], name)) for name in SPLIT_NAMES}
    assert sorted(r["id"] for part in splits.values() for r in part) == [r["id"] for r in records]
    for name, part in splits.items():
        assert all(r["split"] == name for r in part)
    split_of_question: dict[int, set[str]] = {}
    for record in records:
        split_of_question.setdefault(record["question_id"], set()).add(record["split"])
    assert all(len(names) == 1 for names in split_of_question.values())
    before = {name: split_path(kaggle["out"], name).read_bytes() for name in SPLIT_NAMES}
    assert prepare(kaggle, "--no-register", "--split", "0.5,0.25,0.25", "--seed", "3") == 0
    assert before == {name: split_path(kaggle["out"], name).read_bytes() for name in SPLIT_NAMES}


def test_default_split_is_90_5_5() -> None:
    counts = dict.fromkeys(SPLIT_NAMES, 0)
    for question_id in range(20000):
        counts[split_of(question_id, 0, (0.9, 0.05, 0.05))] += 1
    assert abs(counts["train"] / 20000 - 0.9) < 0.01 and abs(counts["test"] / 20000 - 0.05) < 0.01


@pytest.mark.parametrize("split", ["0.8,0.05,0.2", "0.9,0.1", "a,b,c", "1.2,-0.1,-0.1"])
def test_a_split_that_does_not_add_up_is_refused(kaggle: dict, split: str, capsys) -> None:
    assert prepare(kaggle, "--split", split) == 1
    assert "adding up to 1" in capsys.readouterr().err and not kaggle["out"].exists()


def test_a_file_that_is_not_the_kaggle_csv_is_refused(kaggle: dict, capsys) -> None:
    kaggle["answers"].write_text("a,b\n1,2\n")
    assert prepare(kaggle) == 1
    expected = "should start with the columns Id, OwnerUserId, CreationDate, ParentId, Score, Body"
    assert expected in capsys.readouterr().err


def test_the_output_joins_the_qa_index_unless_told_not_to(kaggle: dict, tmp_path: Path) -> None:
    from core.qa.index import registered_qa_files

    assert prepare(kaggle, "--no-register", "--data-dir", str(tmp_path / "data")) == 0
    assert registered_qa_files(tmp_path / "data") == []
    assert prepare(kaggle, "--data-dir", str(tmp_path / "data")) == 0
    assert registered_qa_files(tmp_path / "data") == [kaggle["out"].resolve()]


def test_html_to_text_keeps_code_and_structure() -> None:
    html = ("<p>Try   this:</p><pre><code>a = 1\n\n\nb = 2\n</code></pre><p>then <code>a &lt; b</code>"
            "<br>done</p><ol><li>one</li><li>two</li></ol>")
    assert html_to_text(html) == "Try this:\n\n```\na = 1\n\n\nb = 2\n```\n\nthen `a < b` done\n\n- one\n\n- two"


def test_answers_are_selected_in_one_bounded_pass(kaggle: dict) -> None:
    args = build_parser().parse_args(["qa", "prepare", "--questions", "q", "--answers", "a", "--out", "o"])
    whole = select_answers(kaggle["answers"], args, PrepareReport())
    compacted = select_answers(kaggle["answers"], args, PrepareReport(), compact_every=3)
    assert whole.tolist() == compacted.tolist()
    assert [(row[0], row[2]) for row in whole.tolist()] == sorted([*EXPECTED_PAIRS, (99, 9901)])  # orphan: pass 2


def test_memory_stays_far_below_the_csv_size(tmp_path: Path) -> None:
    body = "<p>" + "word " * 400 + "</p><pre><code>" + "x = 1\n" * 100 + "</code></pre>"
    questions = tmp_path / "Questions.csv"
    questions.write_text(csv_text(QUESTION_HEADER, [[q, "NA", "2008", 1, f"Question {q}", "<p>Why?</p>"]
                                                    for q in range(100)]), encoding="utf-8")
    answers = tmp_path / "Answers.csv"  # 40 answers per question: all read, two per question converted
    answers.write_text(csv_text(ANSWER_HEADER, [[a, 3, "2008", a % 100, a % 7, body] for a in range(4000)]),
                       encoding="utf-8")
    size = answers.stat().st_size
    assert size > 10_000_000
    command = ["qa", "prepare", "--questions", str(questions), "--answers", str(answers), "--no-register",
               "--out", str(tmp_path / "so.jsonl"), "-q"]
    assert main(command) == 0  # a first run imports the modules: their memory is not what is measured
    tracemalloc.start()
    try:
        assert main(command) == 0
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(read_jsonl(tmp_path / "so.jsonl")) == 200
    assert peak < size / 10, f"peak {peak} bytes for {size} bytes of CSV"


def test_prepared_pairs_join_the_index_that_ask_answers_from(kaggle: dict, tmp_path: Path, monkeypatch,
                                                              capsys) -> None:
    from tests.core.qa.test_index import fixture_docs

    monkeypatch.setattr("core.qa.index.python_docs", fixture_docs)
    monkeypatch.setenv("FILESCRIBE_CACHE_DIR", str(tmp_path / "cache"))
    assert prepare(kaggle) == 0  # registered in the test's data dir
    capsys.readouterr()
    assert main(["ask", "--format", "jsonl", "-q", "How do I read a file line by line?"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["sources"][0]["id"] == "so:7:701#1" and record["sources"][0]["title"] == "Read a file line by line"
    assert "for line in f:" in record["answer"]
