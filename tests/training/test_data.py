"""Loading, validating and splitting training data (training/data.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.describe.examples import DataError, Example
from training.cli import main
from training.data import QA_SHAPE, load_data, split_examples

GOOD = json.dumps({"id": 1, "filename": "a.py", "file_desc": "Python source code"})
BAD_LINES = [
    GOOD,                                                            # 1 kept
    "{not json",                                                     # 2
    "[1, 2]",                                                        # 3
    json.dumps({"filename": "b.txt"}),                               # 4 missing file_desc
    json.dumps({"filename": "   ", "file_desc": "blank name"}),      # 5 whitespace only
    GOOD,                                                            # 6 duplicate
    json.dumps({"filename": "c.md", "file_desc": "x" * 501}),        # 7 over-long
    "",                                                              # 8 empty line: ignored
    json.dumps({"filename": "d.csv", "file_desc": "a table"}),      # 9 kept
]


@pytest.fixture
def messy_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "messy.jsonl"
    path.write_text("\n".join(BAD_LINES) + "\n", encoding="utf-8")
    return path


def test_problems_are_reported_with_file_and_line(messy_jsonl: Path) -> None:
    loaded = load_data(messy_jsonl)
    assert [e.filename for e in loaded.examples] == ["a.py", "d.csv"]
    lines = [int(problem.split(":")[1]) for problem in loaded.report.problems]
    assert lines == [2, 3, 4, 5, 6, 7]
    assert all(problem.startswith(f"{messy_jsonl}:") for problem in loaded.report.problems)
    assert "duplicate" in loaded.report.problems[4] and "longer than 500" in loaded.report.problems[5]


def test_strict_fails_on_the_first_problem(messy_jsonl: Path) -> None:
    with pytest.raises(DataError, match=rf"{messy_jsonl}:2: not valid JSON"):
        load_data(messy_jsonl, strict=True)


def test_train_cli_strict_fails_with_file_line_and_no_output(messy_jsonl: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "run"
    code = main(["train", "--train", str(messy_jsonl), "--base", str(tmp_path / "nowhere"), "--out", str(out),
                 "--strict"])
    assert code == 1
    assert f"{messy_jsonl}:2: not valid JSON" in capsys.readouterr().err
    assert not out.exists() and not (tmp_path / ".run.partial").exists()


def test_non_strict_cli_lists_skipped_lines(messy_jsonl: Path, tmp_path: Path, capsys) -> None:
    code = main(["train", "--train", str(messy_jsonl), "--base", str(tmp_path / "no"), "--out", str(tmp_path / "r")])
    err = capsys.readouterr().err
    assert code == 1 and "Splitting needs at least 3 distinct inputs, found 2" in err
    assert "2 examples, 6 lines skipped" in err and f"skipped {messy_jsonl}:7:" in err


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(DataError, match="no usable filename/file_desc examples"):
        load_data(path)


def test_question_answer_shape_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "qa.jsonl"
    path.write_text(json.dumps({"question": "How do I reverse a list?", "answer": "Use reversed() or [::-1]."}) + "\n"
                    + json.dumps({"question": "", "answer": "orphan"}) + "\n", encoding="utf-8")
    loaded = load_data(path)
    assert loaded.shape == QA_SHAPE
    assert loaded.examples == [Example("How do I reverse a list?", "Use reversed() or [::-1].", "")]
    assert loaded.report.problems == [f"{path}:2: needs non-empty text fields 'question' and 'answer'"]



def test_train_messages_reach_stderr_and_each_process_log(messy_jsonl: Path, tmp_path: Path, capsys,
                                                          isolated_log_dir: Path, monkeypatch) -> None:
    args = ["train", "--train", str(messy_jsonl), "--base", str(tmp_path / "no"), "--out", str(tmp_path / "r")]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert f"train: {messy_jsonl}: 2 examples, 6 lines skipped\n" in err
    logged = (isolated_log_dir / "training.log").read_text(encoding="utf-8")
    assert f"INFO command.train: {messy_jsonl}: 2 examples, 6 lines skipped" in logged
    assert "ERROR command.python: error: Splitting needs at least 3 distinct inputs" in logged
    monkeypatch.setenv("RANK", "1")  # another process of a torchrun: its own file, no report on stderr
    assert main(args) == 1
    assert "lines skipped" not in capsys.readouterr().err
    assert "Splitting needs at least 3" in (isolated_log_dir / "training-rank1.log").read_text(encoding="utf-8")

def test_train_refuses_question_answer_data(tmp_path: Path, capsys) -> None:
    path = tmp_path / "qa.jsonl"
    path.write_text(json.dumps({"question": "q?", "answer": "a."}) + "\n", encoding="utf-8")
    assert main(["train", "--train", str(path), "--out", str(tmp_path / "r")]) == 1
    assert "question/answer" in capsys.readouterr().err


def examples(n: int) -> list[Example]:
    return [Example(f"file_{i}.txt", f"text file number {i}") for i in range(n)]


def test_split_is_85_10_5_deterministic_and_disjoint() -> None:
    data = examples(200) + [Example("file_0.txt", "another description of the same name")]
    first, again, other = split_examples(data, seed=1), split_examples(data, seed=1), split_examples(data, seed=2)
    assert first == again and first != other
    assert first.sizes() == {"train": 171, "valid": 20, "test": 10}  # 200 distinct names: 170/20/10 (+1 duplicate)
    names = [{e.filename for e in part} for part in (first.train, first.valid, first.test)]
    assert not (names[0] & names[1] or names[0] & names[2] or names[1] & names[2])
    assert sorted(first.train + first.valid + first.test, key=repr) == sorted(data, key=repr)


def test_split_of_tiny_sets() -> None:
    assert split_examples(examples(3), seed=0).sizes() == {"train": 1, "valid": 1, "test": 1}
    with pytest.raises(DataError, match="at least 3 distinct"):
        split_examples(examples(2) * 3, seed=0)
