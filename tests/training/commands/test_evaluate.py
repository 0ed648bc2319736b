"""ROUGE (training/rouge.py) and `evaluate` base vs fine-tuned (training/commands/evaluate.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rouge_score import rouge_scorer

from core.describe.engine import DescriptionEngine
from tests.training.conftest import write_jsonl
from training.cli import main
from training.data import load_data
from training.rouge import ROUGE_TYPES, UnicodeStemmingTokenizer, pair_scores, rouge_scores

PREDICTIONS = ["configuration settings for the application", "a JPEG photo of a beach", "running tests quickly", ""]
REFERENCES = ["configuration settings for an application", "a JPEG image", "tests that run quickly", "a PDF document"]


def test_rouge_equals_rouge_score_with_stemming_on_ascii_text() -> None:
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    direct = [scorer.score(ref, pred) for pred, ref in zip(PREDICTIONS, REFERENCES, strict=True)]
    expected = {name: sum(s[name].fmeasure for s in direct) / len(direct) for name in ROUGE_TYPES}
    assert rouge_scores(PREDICTIONS, REFERENCES) == pytest.approx(expected, abs=1e-12)
    assert 0 < expected["rouge2"] < expected["rouge1"] < 1  # the strings above exercise partial and stemmed matches
    pairs = pair_scores(PREDICTIONS, REFERENCES)
    assert [pair["rouge1"] for pair in pairs] == pytest.approx([s["rouge1"].fmeasure for s in direct], abs=1e-12)


def test_rouge_keeps_non_ascii_letters() -> None:
    assert UnicodeStemmingTokenizer().tokenize("Mon résumé, naïvement: 東京 files_2024") == [
        "mon", "résumé", "naïvement", "東京", "file", "2024"]
    default = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
    assert default.score("résumé", "r sum")["rouge1"].fmeasure == 1.0  # its tokenizer drops the accented letters
    assert rouge_scores(["r sum"], ["résumé"])["rouge1"] == 0.0
    assert rouge_scores(["un résumé"], ["un résumé"])["rouge1"] == 1.0


def test_rouge_needs_aligned_inputs() -> None:
    with pytest.raises(ValueError):
        rouge_scores(["a"], [])
    with pytest.raises(ValueError):
        pair_scores([], ["a"])
    assert pair_scores([], []) == []


def test_evaluate_report_plot_and_recorded_base(trained_run: Path, tiny_model_dir: Path, toy_jsonl: Path,
                                                tmp_path: Path, lexical_encoder, monkeypatch, capsys) -> None:
    import torch

    report_path, plot_path = tmp_path / "out" / "report.json", tmp_path / "out" / "rouge.png"
    threads: list[int] = []
    original = torch.set_num_threads
    monkeypatch.setattr(torch, "set_num_threads", lambda n: threads.append(n) or original(n))
    assert main(["evaluate", "--model", str(trained_run), "--data", str(toy_jsonl), "--out", str(report_path),
                 "--plot", str(plot_path), "--device", "cpu", "--no-memory", "--threads", "1"]) == 0  # base: the run's
    assert threads[0] == 1 and torch.get_num_threads() == threads[-1]  # one thread inside, restored after
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["n"] == 60 and len(report["examples"]) == 20
    assert set(report["base"]) == set(report["finetuned"]) == set(report["improvement"]) == set(ROUGE_TYPES)
    for name in ROUGE_TYPES:
        assert report["improvement"][name] == pytest.approx(report["finetuned"][name] - report["base"][name])
    assert report["finetuned"]["rouge1"] > report["base"]["rouge1"] + 0.5
    for model in ("base", "finetuned"):
        scores = report["per_example"][model]
        assert len(scores) == 60 and set(scores[0]) == set(ROUGE_TYPES)
        assert sum(s["rouge1"] for s in scores) / 60 == pytest.approx(report[model]["rouge1"], abs=1e-4)
    printed = capsys.readouterr().err.splitlines()
    assert [line.split(":")[1].strip() for line in printed[-5:-1]] == ["ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-Lsum"]
    assert printed[-1].startswith("evaluate: The fine-tuned model does better than the base model: ROUGE-1 ")
    examples = load_data(toy_jsonl).examples
    tuned = DescriptionEngine(str(trained_run), device="cpu", lexical=lexical_encoder).describe(
        [e.filename for e in examples])
    base = DescriptionEngine(str(tiny_model_dir), device="cpu", lexical=lexical_encoder).describe(
        [e.filename for e in examples])
    gold = [e.description for e in examples]
    assert report["finetuned"] == pytest.approx(rouge_scores(tuned, gold))
    assert report["base"] == pytest.approx(rouge_scores(base, gold))
    assert report["examples"][0] == {"filename": examples[0].filename, "gold": gold[0], "base": base[0],
                                     "finetuned": tuned[0]}
    assert plot_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in report_path.parent.iterdir()) == ["report.json", "rouge.png"]  # no temp files


def test_evaluate_without_a_known_base_is_a_clear_error(tiny_model_dir: Path, toy_jsonl: Path, tmp_path: Path,
                                                        capsys) -> None:
    assert main(["evaluate", "--model", str(tiny_model_dir), "--data", str(toy_jsonl),
                 "--out", str(tmp_path / "r.json")]) == 1
    assert "records no base model" in capsys.readouterr().err
    assert not (tmp_path / "r.json").exists()


def test_evaluate_rejects_malformed_data_in_strict_mode(tiny_model_dir: Path, tmp_path: Path, capsys) -> None:
    data = write_jsonl(tmp_path / "d.jsonl", [{"filename": "a.py", "file_desc": "code"}, {"filename": "b.py"}])
    assert main(["evaluate", "--model", str(tiny_model_dir), "--base", str(tiny_model_dir), "--data", str(data),
                 "--out", str(tmp_path / "r.json"), "--strict"]) == 1
    assert f"{data}:2: needs non-empty text fields 'filename' and 'file_desc'" in capsys.readouterr().err


def test_evaluate_reports_its_progress_as_json_lines(tiny_model_dir: Path, tmp_path: Path, capsys) -> None:
    data = write_jsonl(tmp_path / "d.jsonl", [{"filename": f"file_{n % 5}.py", "file_desc": "code"} for n in range(9)])
    assert main(["evaluate", "--model", str(tiny_model_dir), "--base", str(tiny_model_dir), "--data", str(data),
                 "--out", str(tmp_path / "r.json"), "--device", "cpu", "--no-memory", "--progress-jsonl"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert events and all(e["event"] == "score" and e["phase"] == "evaluate" for e in events)
    assert events[-1]["done"] == events[-1]["total"] == 10  # 5 distinct names, for each model


def test_evaluate_stops_cleanly_for_its_cancel_file(tiny_model_dir: Path, tmp_path: Path, capsys) -> None:
    data = write_jsonl(tmp_path / "d.jsonl", [{"filename": f"file_{n}.py", "file_desc": "code"} for n in range(50)])
    request = tmp_path / "cancel"
    request.touch()  # asked before it even loaded the models: it stops at once
    assert main(["evaluate", "--model", str(tiny_model_dir), "--base", str(tiny_model_dir), "--data", str(data),
                 "--out", str(tmp_path / "r.json"), "--device", "cpu", "--no-memory",
                 "--cancel-file", str(request)]) == 143
    assert "evaluate: cancelled on request" in capsys.readouterr().err and not (tmp_path / "r.json").exists()
