"""The Training tab with real `train` and `evaluate` child processes on the tiny model: a run from Start to the
report and activation, Cancel, closing the app mid-run, a run that fails and one whose process dies."""
from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess, Qt
from PySide6.QtWidgets import QMessageBox

from core.store import Store
from desktop_app.gui.settings import AppSettings, load_settings, save_settings
from desktop_app.gui.text_format import format_change
from desktop_app.gui.training.history import IN_USE_COLUMN, ROUGE_COLUMN, STATUS_COLUMN
from desktop_app.gui.training.runs import CANCELLED, FAILED, FINISHED, RunRegistry, verdict_of
from desktop_app.gui.training.tab import EXAMPLES_PAGE, LOG_PAGE, REPORT_PAGE
from tests.desktop_app.helpers import CountingEngine, names_of, settle
from training.comparison import BETTER

RUN_TIMEOUT_MS = 120_000
KINDS = {".pdf": "a PDF document", ".jpg": "a JPEG image", ".py": "Python source code", ".csv": "a table of values"}
STEMS = ("report", "budget", "notes", "invoice", "holiday")


@pytest.fixture()
def engines() -> list[CountingEngine]:
    """Every engine the window loads, built from the spec in its settings (so that activation really reloads)."""
    return []


@pytest.fixture()
def training_window(qtbot, make_window, engines, tiny_model_dir: Path, lexical_encoder, tmp_path: Path,
                    monkeypatch: pytest.MonkeyPatch) -> Iterator:
    """A window on the tiny model with 20 corrections of a folder of those files, on its Training tab, set up
    for short runs (one thread, no starter check, no example memory)."""
    from core.describe.engine import DescriptionEngine, GenerationSettings

    monkeypatch.setenv("OMP_NUM_THREADS", "1")  # the evaluate process has no --threads
    save_settings(AppSettings(model_spec=str(tiny_model_dir), device="cpu", use_memory=False))
    folder = tmp_path / "files"
    folder.mkdir()
    store = Store.open()
    for stem in STEMS:
        for extension, description in KINDS.items():
            (folder / f"{stem}{extension}").write_text("x")
            store.save_correction(folder / f"{stem}{extension}", f"{stem}{extension}", description)
    (folder / "holiday_photo.jpg").write_text("x")  # not corrected: described by the model
    store.close()

    def factory(settings: AppSettings, store: Store) -> CountingEngine:
        engine = CountingEngine(DescriptionEngine(settings.model_spec, device="cpu", lexical=lexical_encoder,
                                                  batch_size=32, settings=GenerationSettings(max_new_tokens=8)))
        engines.append(engine)
        return engine

    window = make_window(folder, factory=factory)
    settle(qtbot, window)
    window.tabs.setCurrentWidget(window.training)
    tab = window.training
    tab.fixed_options = {"threads": 1, "starter_check": 0}
    tab.inputs.epochs.setValue(1)
    qtbot.waitUntil(lambda: len(tab.inputs.ticked()) == 20)
    yield window
    tab.runner.stop_and_wait()  # a failed test leaves no child behind (nor a question when the window closes)


def registry() -> RunRegistry:
    return RunRegistry.open()


def start_and_wait_for_steps(qtbot, tab) -> None:
    """Start a long run and wait until it trains."""
    tab.inputs.epochs.setValue(200)
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(tab.runner.progress.train_loss), timeout=RUN_TIMEOUT_MS)
    assert tab.runner.process.pid() > 0


def history_statuses(tab) -> list[str]:
    return [tab.history.table.item(row, STATUS_COLUMN).text() for row in range(tab.history.table.rowCount())]


def ended_as_shown(tab, status: str) -> bool:
    """The run has ended and the tab shows it with `status` (the history is reloaded on the store thread after the
    runner stops, so the shown record catches up a little later)."""
    return not tab.runner.running and tab.shown is not None and tab.shown.status == status


def test_start_needs_the_minimum_of_ticked_corrections(qtbot, training_window) -> None:
    tab = training_window.training
    assert tab.start_button.isEnabled() and tab.status.text() == "Ready to train on 20 corrections."
    tab.inputs.minimum.setValue(21)
    assert not tab.start_button.isEnabled() and "at least 21" in tab.status.text()
    tab.inputs.minimum.setValue(20)
    assert tab.start_button.isEnabled()
    tab.inputs.table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
    assert len(tab.inputs.ticked()) == 19 and not tab.start_button.isEnabled()
    assert "19 are ticked" in tab.status.text() and "19 ticked" in tab.inputs.summary.text()


def test_the_learning_rate_is_the_base_models_unless_chosen(training_window) -> None:
    from desktop_app.gui.settings import load_settings

    inputs = training_window.training.inputs
    assert inputs.lr.currentText() == "auto" and inputs.options(load_settings()).lr is None
    inputs.lr.setCurrentText("1e-3")
    assert inputs.options(load_settings()).lr == 1e-3


def test_a_run_trains_reports_and_is_activated(qtbot, training_window, engines, tiny_model_dir: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    window, tab = training_window, training_window.training
    steps: list[tuple[int, int]] = []
    tab.runner.progressed.connect(lambda p: steps.append((p.step, p.max_steps)))
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    assert not tab.start_button.isEnabled() and tab.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: bool(tab.runner.progress.train_loss), timeout=RUN_TIMEOUT_MS)
    assert tab.progress.isVisible() and tab.loss_chart.train
    qtbot.waitUntil(lambda: ended_as_shown(tab, FINISHED) and tab.details.currentIndex() == REPORT_PAGE,
                    timeout=RUN_TIMEOUT_MS)
    assert steps and steps[-1][0] == steps[-1][1] > 0  # every step reported, up to the last
    record = tab.shown
    assert record.sizes["held_out"] == 4 and record.sizes["train"] + record.sizes["valid"] == 16
    report = json.loads((registry().model_dir(record.id) / "report.json").read_text())
    assert "Evaluating on the held-out corrections: 8 descriptions generated" in registry().read_log(record.id)
    shown = [[tab.report.rouge.item(row, column).text() for column in range(3)] for row in range(4)]
    assert shown == [[f"{report['base'][name]:.3f}", f"{report['finetuned'][name]:.3f}",
                      format_change(report["improvement"][name])]
                     for name in ("rouge1", "rouge2", "rougeL", "rougeLsum")]
    tuned = report["finetuned"]
    assert tab.report.bars.groups == [(name, score, tuned[name]) for name, score in report["base"].items()]
    assert f"ROUGE-1 {report['finetuned']['rouge1']:.3f} against" in tab.report.verdict.text() and report["n"] == 4
    assert tab.use_button.isDefault() == (tab.verdict.outcome == BETTER) != tab.keep_button.isDefault()
    assert tab.run_title.text().startswith(f"Run 1 — {tiny_model_dir.name} + 20 corrections · Finished · ")
    assert tab.details.isTabEnabled(EXAMPLES_PAGE)
    assert [tab.examples.item(row, 1).text() for row in range(tab.examples.rowCount())] == [
        example["gold"] for example in report["examples"]]
    assert history_statuses(tab) == ["Finished"] and "→" in tab.history.table.item(0, ROUGE_COLUMN).text()
    assert "evaluate" in tab.log.toPlainText() and "Training done" in tab.log.toPlainText()

    before = window.files.feed.annotator.engine.fingerprint
    assert load_settings().model_spec == str(tiny_model_dir)  # nothing changes until the user says so
    described = len(engines[-1].calls)
    qtbot.mouseClick(tab.use_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(engines) == 2 and window.files.feed.annotator is not None
                    and window.files.feed.annotator.engine.fingerprint != before, timeout=30_000)
    settle(qtbot, window, timeout=30_000)
    assert "holiday_photo.jpg" in engines[-1].calls and len(engines[0].calls) == described
    assert names_of(window)["report.pdf"].description == "a PDF document"  # corrections stay
    window.store_tasks.wait()
    assert load_settings().model_spec == str(registry().model_dir(record.id))
    assert tab.history.table.item(0, IN_USE_COLUMN).text() == "● in use" and not tab.use_button.isEnabled()
    assert not tab.keep_button.isVisible()
    assert tab.history.in_use.text() == "In use: " + tab.history.table.item(0, 0).text()
    assert not tab.history.delete_button.isEnabled()

    qtbot.mouseClick(tab.history.use_base_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(engines) == 3 and window.files.feed.annotator is not None
                    and window.files.feed.annotator.engine.fingerprint == before, timeout=30_000)
    assert window.settings.model_spec == str(tiny_model_dir) and tab.history.table.item(0, IN_USE_COLUMN).text() == ""

    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    assert tab.history.delete_button.isEnabled()
    qtbot.mouseClick(tab.history.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.history.table.rowCount() == 0, timeout=10_000)
    assert registry().records() == [] and not registry().model_dir(record.id).exists()
    assert tab.run_title.text() == "No run yet"


def test_cancel_stops_the_run_and_leaves_no_model(qtbot, training_window, tiny_model_dir: Path) -> None:
    tab = training_window.training
    start_and_wait_for_steps(qtbot, tab)
    run_id = tab.runner.record.id
    qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ended_as_shown(tab, CANCELLED), timeout=60_000)
    assert history_statuses(tab) == ["Cancelled"]
    assert not registry().model_dir(run_id).exists() and list(registry().model_dir(run_id).parent.iterdir()) == []
    assert registry().records()[0].status == CANCELLED and "cancelled" in tab.status.text()
    assert "Cancelled: the run left no model behind." in registry().read_log(run_id)
    assert training_window.settings.model_spec == str(tiny_model_dir) and tab.start_button.isEnabled()


def test_cancel_needs_no_signal_as_on_windows(qtbot, training_window, tiny_model_dir: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows delivers no SIGTERM to a console process: the cancel file alone stops `train` cleanly."""
    tab = training_window.training
    start_and_wait_for_steps(qtbot, tab)
    run_id = tab.runner.record.id
    sent: list[str] = []
    monkeypatch.setattr(sys, "platform", "win32")  # the sender escalates as on Windows
    monkeypatch.setattr(QProcess, "terminate", lambda process: sent.append("terminate"))  # and no signal can be sent
    monkeypatch.setattr(QProcess, "kill", lambda process: sent.append("kill"))
    qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ended_as_shown(tab, CANCELLED), timeout=60_000)
    assert sent == []
    log = registry().read_log(run_id)
    assert "train: cancelled on request;" in log and "Traceback" not in log  # it stopped itself, cleanly
    assert not registry().model_dir(run_id).exists() and not registry().work_dir(run_id).exists()
    assert training_window.settings.model_spec == str(tiny_model_dir)


def test_closing_the_app_mid_run_asks_then_stops_it_cleanly(qtbot, training_window,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    window, tab = training_window, training_window.training
    start_and_wait_for_steps(qtbot, tab)
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: answers.pop(0))
    window.close()
    assert window.isVisible() and tab.runner.running and len(answers) == 1
    run_id = tab.runner.record.id
    window.close()
    assert not answers and not window.isVisible() and not tab.runner.process.running()
    assert registry().records()[0].status == CANCELLED and not registry().model_dir(run_id).exists()


def test_bad_extra_data_fails_the_run_and_keeps_the_model(qtbot, training_window, tiny_model_dir: Path,
                                                          tmp_path: Path) -> None:
    window, tab = training_window, training_window.training
    bad = tmp_path / "extra.jsonl"
    bad.write_text("this is not JSON\n{\"filename\": \"\", \"file_desc\": \"empty name\"}\n")
    tab.inputs.add_extra(bad)
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.shown is not None and tab.shown.status == FAILED
                    and tab.details.currentIndex() == LOG_PAGE, timeout=30_000)  # the saved log is shown
    assert tab.error_banner.isVisible() and "extra.jsonl holds no usable" in tab.error_banner.label.text()
    assert "extra.jsonl:1: not valid JSON" in tab.log.toPlainText()
    assert history_statuses(tab) == ["Failed"] and not tab.details.isTabEnabled(REPORT_PAGE)
    assert window.settings.model_spec == str(tiny_model_dir) and load_settings().model_spec == str(tiny_model_dir)
    assert not tab.use_button.isVisible()


def test_a_training_process_that_dies_fails_the_run(qtbot, training_window) -> None:
    tab = training_window.training
    start_and_wait_for_steps(qtbot, tab)
    run_id = tab.runner.record.id
    os.kill(tab.runner.process.pid(), signal.SIGKILL)
    qtbot.waitUntil(lambda: tab.shown is not None and tab.shown.status == FAILED
                    and tab.details.currentIndex() == LOG_PAGE, timeout=30_000)  # the saved log is shown
    assert "Training stopped unexpectedly" in tab.error_banner.label.text() and tab.error_banner.isVisible()
    assert "step 1 ·" in tab.log.toPlainText()
    assert not registry().model_dir(run_id).exists()
    assert not (registry().model_dir(run_id).parent / f".{run_id}.partial").exists()


def test_the_report_shows_the_starter_split_only_when_the_run_checked_it(qtbot) -> None:
    from desktop_app.gui.training.report import ReportView

    view = ReportView()
    qtbot.addWidget(view)
    scores = {"rouge1": 0.5, "rouge2": 0.25, "rougeL": 0.4, "rougeLsum": 0.45}
    report = {"n": 7, "base": dict.fromkeys(scores, 0.1), "finetuned": scores, "improvement": {}, "examples": []}
    view.show_report(report, {"base": scores, "finetuned": dict.fromkeys(scores, 0.2), "n": 228}, verdict_of(report),
                     "Run 1", "starter")
    assert not view.starter.isHidden() and "(228)" in view.starter_title.text()
    assert [view.starter.item(row, 2).text() for row in range(4)] == ["-0.300", "-0.050", "-0.200", "-0.250"]
    assert view.rouge.item(0, 2).text() == "+0.400" and "(7)" in view.rouge_title.text()
    view.show_report(report, None, verdict_of(report), "Run 1", "starter")
    assert view.starter.isHidden() and "not checked" in view.starter_title.text()


def test_changes_that_round_to_nothing_read_as_none(qtbot) -> None:
    from desktop_app.gui.colors import gain_color, loss_color
    from desktop_app.gui.training.report import ReportView

    assert [format_change(c) for c in (0.0123, -0.0041, -0.0004, 0.0)] == ["+0.012", "-0.004", "±0.000", "±0.000"]
    view = ReportView()
    qtbot.addWidget(view)
    report = {"n": 3, "base": {"rouge1": 0.1204}, "finetuned": {"rouge1": 0.1201}, "improvement": {}, "examples": []}
    view.show_report(report, None, verdict_of(report), "Run 1", "starter")
    change = view.rouge.item(0, 2)
    assert change.text() == "±0.000" and change.foreground().color() not in (gain_color(), loss_color())
    assert view.verdict.text().startswith("Run 1 scores the same as starter: ROUGE-1 0.120 against 0.120 (±0.000)")


def test_chart_axes_are_round_and_the_training_loss_is_smoothed() -> None:
    from desktop_app.gui.training.charts import axis_ticks, smoothed

    assert axis_ticks(6.28, 6.52) == pytest.approx([6.25, 6.3, 6.35, 6.4, 6.45, 6.5, 6.55])
    assert axis_ticks(0, 4, 6) == [0, 1, 2, 3, 4] and axis_ticks(0, 0.3) == pytest.approx([0, 0.1, 0.2, 0.3])
    assert smoothed([(1, 4.0)]) == [(1, 4.0)]  # debiased: the first point is itself
    curve = smoothed([(n, 5.0 + (-1) ** n) for n in range(1, 41)])
    assert [x for x, _ in curve] == list(range(1, 41)) and all(abs(y - 5.0) < 0.2 for _, y in curve[10:])
