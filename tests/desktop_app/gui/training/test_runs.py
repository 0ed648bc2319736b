"""The run registry: records, what each ending keeps, recovery after a crash, the model in use, saved results."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.gui.training.runs import (
    CANCELLED,
    FAILED,
    FINISHED,
    INTERRUPTED,
    RUNNING,
    RunError,
    RunRegistry,
    run_details,
    with_results,
)

SCORES = {"rouge1": 0.25, "rouge2": 0.1, "rougeL": 0.2, "rougeLsum": 0.2}


def fake_outputs(registry: RunRegistry, run_id: str) -> None:
    """What train and evaluate leave: the model folder (with its report) and the run's data."""
    model = registry.model_dir(run_id)
    model.mkdir(parents=True)
    (model / "config.json").write_text("{}")
    (model / "report.json").write_text(json.dumps({"n": 3, "base": SCORES, "finetuned": SCORES,
                                                   "improvement": dict.fromkeys(SCORES, 0.0), "examples": []}))
    registry.work_dir(run_id).mkdir(parents=True)
    (registry.work_dir(run_id) / "train.jsonl").write_text("")


def test_records_are_saved_newest_first_with_unique_ids(tmp_path: Path) -> None:
    registry = RunRegistry(tmp_path)
    first = registry.new_record("starter", {"epochs": 3})
    second = registry.new_record("starter", {"epochs": 4})  # same second: another id
    assert first.id != second.id and first.id.startswith("run-")
    assert [r.id for r in registry.records()] == [second.id, first.id]
    assert registry.records()[1].options == {"epochs": 3} and registry.records()[1].status == RUNNING
    second.sizes = {"train": 9, "valid": 1, "held_out": 2}
    registry.save(second)
    assert RunRegistry(tmp_path).records()[0].examples == 10


@pytest.mark.parametrize("status", [CANCELLED, FAILED])
def test_an_unfinished_run_keeps_only_its_record_and_log(tmp_path: Path, status: str) -> None:
    registry = RunRegistry(tmp_path)
    record = registry.new_record("starter", {})
    fake_outputs(registry, record.id)
    partial = registry.model_dir(record.id).parent / f".{record.id}.partial"
    partial.mkdir()
    ended = registry.end(record, status, "line 1\nline 2\n", "boom" if status == FAILED else None)
    assert not registry.model_dir(record.id).exists() and not partial.exists()
    assert not registry.work_dir(record.id).exists()
    assert registry.read_log(record.id) == "line 1\nline 2\n"
    assert registry.records() == [ended] and ended.status == status and ended.ended is not None


def test_a_finished_run_keeps_its_model_and_data_until_deleted(tmp_path: Path) -> None:
    registry = RunRegistry(tmp_path)
    record = registry.new_record("starter", {})
    fake_outputs(registry, record.id)
    registry.end(record, FINISHED, "log\n")
    assert registry.model_dir(record.id).is_dir() and registry.work_dir(record.id).is_dir()
    registry.delete(record.id)
    assert registry.records() == [] and registry.read_log(record.id) == ""
    assert not registry.model_dir(record.id).exists() and not registry.work_dir(record.id).exists()


def test_runs_left_running_by_a_closed_app_are_recovered_as_failed(tmp_path: Path) -> None:
    registry = RunRegistry(tmp_path)
    record = registry.new_record("starter", {})
    registry.model_dir(record.id).mkdir(parents=True)  # killed between train and evaluate
    recovered = RunRegistry(tmp_path).recover()
    assert [(r.id, r.status, r.error) for r in recovered] == [(record.id, FAILED, INTERRUPTED)]
    assert not registry.model_dir(record.id).exists()


def test_a_damaged_history_reads_as_empty(tmp_path: Path) -> None:
    registry = RunRegistry(tmp_path)
    registry.history_path.write_text("{not json")
    assert registry.records() == []
    registry.new_record("starter", {})
    assert len(registry.records()) == 1


def test_the_model_in_use_is_a_run_or_a_base_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert RunRegistry.open(Path("data")).root == tmp_path / "data" / "training"  # absolute: it becomes a spec
    registry = RunRegistry(tmp_path)
    record = registry.new_record("google/flan-t5-small", {})
    folder = str(registry.model_dir(record.id))
    assert registry.run_of(folder) == record.id
    assert registry.run_of("starter") is None and registry.run_of(str(tmp_path / "elsewhere" / record.id)) is None
    assert registry.base_of(folder, registry.records()) == "google/flan-t5-small"
    assert registry.base_of("starter", registry.records()) == "starter"


def test_results_come_from_the_report_and_metrics(tmp_path: Path) -> None:
    registry = RunRegistry(tmp_path)
    record = registry.new_record("starter", {})
    with pytest.raises(RunError):
        with_results(registry, record)
    fake_outputs(registry, record.id)
    starter = {"base": SCORES, "finetuned": dict.fromkeys(SCORES, 0.05), "n": 50}
    folder = registry.model_dir(record.id)
    (folder / "metrics.json").write_text(json.dumps({"best_eval_loss": 1.0, "starter_test": starter}))
    (folder / "loss_history.json").write_text(json.dumps({
        "train": [{"step": 1, "epoch": 0.5, "loss": 3.0}, {"step": 2, "epoch": 1.0, "loss": 2.5}],
        "eval": [{"step": 2, "epoch": 1.0, "loss": 2.7}]}))
    registry.end(record, FINISHED, "the log\n")
    done = with_results(registry, record)
    assert done.rouge == {"base": SCORES, "finetuned": SCORES, "improvement": dict.fromkeys(SCORES, 0.0)}
    assert done.starter_test == starter
    details = run_details(registry, record.id)
    assert details.log == "the log\n" and details.report["n"] == 3
    assert details.train_loss == [(1, 3.0), (2, 2.5)] and details.valid_loss == [(2, 2.7)]
    assert run_details(registry, "run-missing") == type(details)("", None, [], [])


def test_runs_are_numbered_and_titled_by_run_and_model_never_by_path(tmp_path: Path) -> None:
    from core.describe.model_loading import starter_path

    registry = RunRegistry(tmp_path)
    first = registry.new_record(str(starter_path()), {})
    first.sizes = {"corrections": 200, "extra": 0}
    registry.save(first)
    second = registry.new_record(str(registry.model_dir(first.id)), {})
    second.sizes = {"corrections": 50, "extra": 30}
    registry.save(second)
    records = registry.records()
    assert [r.number for r in records] == [2, 1]
    assert registry.run_title(records[1], records) == "Run 1 — starter + 200 corrections"
    assert registry.run_title(records[0], records) == "Run 2 — Run 1 + 50 corrections + 30 examples from files"
    assert registry.model_name("google/flan-t5-small", records) == "google/flan-t5-small"
    assert registry.model_name(str(tmp_path / "models" / "mine"), records) == "mine"
    registry.delete(first.id)
    assert registry.new_record("starter", {}).number == 3  # numbers are never reused


def test_runs_recorded_before_numbers_are_numbered_oldest_first(tmp_path: Path) -> None:
    runs = [{"id": f"run-{n}", "created": float(n), "base": "starter", "status": FINISHED} for n in (2, 1)]
    (tmp_path / "history.json").write_text(json.dumps({"runs": runs}))
    registry = RunRegistry(tmp_path)
    assert [(r.id, r.number) for r in registry.records()] == [("run-2", 2), ("run-1", 1)]
    assert registry.new_record("starter", {}).number == 3
