"""The Training tab's report on stored runs (no training here): the verdict comes first, "Use This Model" is the
default only for a model that does better, and titles name runs and models, never paths."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QListWidget, QTableWidget, QTabWidget, QWidget

from core.describe.examples import Example
from desktop_app.gui.settings import AppSettings, load_settings, save_settings
from desktop_app.gui.training.runs import FINISHED, RunRecord, RunRegistry, with_results
from training.commands.evaluate import build_report

GOLD = [Example(f"cmd{n}.1.gz", f"manual page of the cmd{n} command for listing files") for n in range(12)]
GOOD = [f"manual page of the cmd{n} command for listing files" for n in range(12)]
POOR = ["a gzip archive"] * 12
ABSOLUTE_PATH = re.compile(r"(?<![\w.~])/(?:[^\s/]+/)+")


def store_run(registry: RunRegistry, base: str, base_outputs: list[str], new_outputs: list[str],
              corrections: int = 200) -> RunRecord:
    """A finished run in the history with the report `evaluate` writes for these outputs (no model weights)."""
    record = registry.new_record(base, {})
    record.sizes = {"corrections": corrections, "extra": 0, "train": 144, "valid": 16, "held_out": len(GOLD)}
    folder = registry.model_dir(record.id)
    folder.mkdir(parents=True)
    (folder / "report.json").write_text(json.dumps(build_report(GOLD, base_outputs, new_outputs)), encoding="utf-8")
    return registry.end(with_results(registry, record), FINISHED, "stored run\n")


@pytest.fixture()
def open_tab(qtbot, make_window, tiny_model_dir: Path):
    """A window on the tiny model, opened on its Training tab once the stored runs are written; waits for the
    newest run's report."""
    save_settings(AppSettings(model_spec=str(tiny_model_dir), device="cpu", use_memory=False))

    def open_() -> object:
        window = make_window()
        window.tabs.setCurrentWidget(window.training)
        tab = window.training
        qtbot.waitUntil(lambda: tab.shown is not None and tab.verdict is not None, timeout=30_000)
        return tab

    return open_


def shown_texts(tab: QWidget) -> list[str]:
    """Every text the tab shows outside its log (which quotes the commands it ran): labels, buttons, tab titles,
    table and list cells, tooltips."""
    texts: list[str] = []
    for widget in tab.findChildren(QWidget):
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(n) for n in range(widget.count())]
        if isinstance(widget, QTableWidget):
            items = [widget.item(r, c) for r in range(widget.rowCount()) for c in range(widget.columnCount())]
            headers = [widget.horizontalHeaderItem(c) for c in range(widget.columnCount())]
            texts += [text for item in items + headers if item for text in (item.text(), item.toolTip())]
        if isinstance(widget, QListWidget):
            texts += [widget.item(n).text() for n in range(widget.count())]
    return [text for text in texts if text]


def test_a_worse_model_is_said_first_and_keeping_the_current_one_is_the_default(qtbot, open_tab,
                                                                                 tiny_model_dir: Path) -> None:
    store_run(RunRegistry.open(), str(tiny_model_dir), GOOD, POOR)
    tab = open_tab()
    base = tiny_model_dir.name
    assert tab.report.verdict.text().startswith(f"Run 1 does worse than {base}: ROUGE-1 ")
    assert tab.report.summary.text().startswith("Keep the current model")
    assert tab.keep_button.isDefault() and not tab.use_button.isDefault() and tab.default_choice() is tab.keep_button
    assert tab.use_button.isVisible() and tab.use_button.isEnabled()  # still there, not the default
    assert tab.run_title.text().startswith(f"Run 1 — {base} + 200 corrections · Finished · ")
    qtbot.mouseClick(tab.keep_button, Qt.MouseButton.LeftButton)
    assert tab.status.text().startswith(f"{base} stays in use") and load_settings().model_spec == str(tiny_model_dir)


def test_a_better_model_makes_use_this_model_the_default(open_tab, tiny_model_dir: Path) -> None:
    store_run(RunRegistry.open(), str(tiny_model_dir), POOR, GOOD)
    tab = open_tab()
    assert tab.report.verdict.text().startswith(f"Run 1 does better than {tiny_model_dir.name}: ROUGE-1 1.000 against")
    assert "95 % interval of the change: +" in tab.report.verdict.text()
    assert tab.report.summary.text().startswith("Use This Model")
    assert tab.use_button.isDefault() and not tab.keep_button.isDefault() and tab.keep_button.isVisible()


def test_no_label_title_or_tooltip_shows_an_absolute_path(open_tab, tiny_model_dir: Path,
                                                          isolated_data_dir: Path) -> None:
    registry = RunRegistry.open()
    first = store_run(registry, str(tiny_model_dir), POOR, GOOD)
    store_run(registry, str(registry.model_dir(first.id)), GOOD, POOR, corrections=50)
    tab = open_tab()
    texts = shown_texts(tab)
    assert "Run 2 — Run 1 + 50 corrections" in texts and f"Run 1 — {tiny_model_dir.name} + 200 corrections" in texts
    assert f"In use: {tiny_model_dir.name}" in texts
    offending = [text for text in texts if ABSOLUTE_PATH.search(text) or str(isolated_data_dir) in text
                 or str(tiny_model_dir) in text]
    assert offending == []
