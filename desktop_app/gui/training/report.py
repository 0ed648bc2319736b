"""A finished run's evaluation: first the verdict in plain words (better or worse than the base model beyond
chance, training.comparison), then the ROUGE table and bars (base vs fine-tuned, held-out corrections), the starter
test split before and after (general knowledge kept or lost), and the examples side by side.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui.colors import gain_color, hint_color, loss_color
from desktop_app.gui.text_format import format_change, printable
from desktop_app.gui.training.charts import RougeBars
from training.comparison import BETTER, WORSE, Verdict
from training.rouge import ROUGE_NAMES

EXAMPLE_COLUMNS = ("File", "Your description", "Base model", "Fine-tuned")
HELD_OUT = "held-out corrections"
ADVICE = {BETTER: "Use This Model to describe your files with it (your corrections stay).",
          WORSE: "Keep the current model: this one describes your kind of files less well."}
UNCLEAR_ADVICE = "Keeping the current model is the safer choice."


def make_read_only(table: QTableWidget, headers: tuple[str, ...]) -> QTableWidget:
    """Make `table` one the user reads and selects rows in, never edits, with these column headers."""
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    compact_rows(table)
    table.setWordWrap(False)
    return table


def compact_rows(table: QTableWidget) -> None:
    """Rows one line of text high, as in the file list."""
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)


def cell(text: str, align_right: bool = False, color: QColor | None = None) -> QTableWidgetItem:
    """A table cell with its full text as tooltip."""
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if color is not None:
        item.setForeground(color)
    return item


def titled(title: QLabel, widget: QWidget) -> QWidget:
    """`widget` under its title, as one block."""
    block = QWidget()
    layout = QVBoxLayout(block)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(title)
    layout.addWidget(widget)
    return block


class RougeTable(QTableWidget):
    """ROUGE F-measures of the base and the fine-tuned model and the change, one row per ROUGE type."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels(("Base", "Fine-tuned", "Change"))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        compact_rows(self)

    def set_scores(self, base: dict[str, float], finetuned: dict[str, float]) -> None:
        """Fill the table; its size fits the cells exactly."""
        self.setRowCount(len(base))
        self.setVerticalHeaderLabels([ROUGE_NAMES.get(name, name) for name in base])
        for row, name in enumerate(base):
            change = round(finetuned[name] - base[name], 3)
            color = gain_color() if change > 0 else loss_color() if change < 0 else None
            for column, (text, tint) in enumerate(((f"{base[name]:.3f}", None), (f"{finetuned[name]:.3f}", None),
                                                   (format_change(change), color))):
                self.setItem(row, column, cell(text, align_right=True, color=tint))
        column_width = self.fontMetrics().horizontalAdvance("Fine-tuned") + 14
        for column in range(3):
            self.setColumnWidth(column, column_width)
        self.verticalHeader().setMinimumWidth(self.fontMetrics().horizontalAdvance("ROUGE-Lsum") + 16)
        frame = 2 * self.frameWidth()
        self.setFixedSize(self.verticalHeader().sizeHint().width() + 3 * column_width + frame,
                          self.horizontalHeader().height() + sum(self.rowHeight(r) for r in range(len(base))) + frame)


class ReportView(QWidget):
    """The scores of one evaluation report (report.json) and, when the run checked it, of the starter test split.
    The tables and the bar chart share a row when the view is wide enough, else they are stacked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        bold = self.verdict.font()
        bold.setBold(True)
        self.verdict.setFont(bold)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.rouge_title, self.starter_title = QLabel(), QLabel()
        self.starter_title.setWordWrap(True)
        self.rouge, self.starter = RougeTable(), RougeTable()
        self.bars = RougeBars()
        self.bars.setMinimumHeight(190)
        self.blocks = [titled(self.rouge_title, self.rouge), titled(self.starter_title, self.starter), self.bars]
        self.grid = QGridLayout()
        self._columns = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.verdict)
        layout.addWidget(self.summary)
        layout.addLayout(self.grid, 1)
        self._arrange(1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Three columns (tables and chart side by side), two (tables stacked beside the chart) or one."""
        super().resizeEvent(event)
        table, chart = self.rouge.width() + 12, self.bars.minimumWidth() + 24
        width = event.size().width()
        self._arrange(3 if width >= 2 * table + chart else 2 if width >= table + chart else 1)

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for block in self.blocks:
            self.grid.removeWidget(block)
        held, starter, bars = self.blocks
        self.grid.addWidget(held, 0, 0, Qt.AlignmentFlag.AlignTop)
        if columns == 3:
            self.grid.addWidget(starter, 0, 1, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(bars, 0, 2)
        else:
            self.grid.addWidget(starter, 1, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(bars, *((0, 1, 2, 1) if columns == 2 else (2, 0)))
        for number in range(3):
            self.grid.setColumnStretch(number, 1 if number == columns - 1 else 0)
            self.grid.setRowStretch(number, 1 if number == min(3 - columns, 2) else 0)

    def show_report(self, report: dict[str, Any], starter_test: dict[str, Any] | None, verdict: Verdict | None,
                    run: str, base_model: str) -> None:
        """Fill every part from the report, its verdict (named by the `run` and its `base_model`) and the
        starter-split figures of the run's metrics.json."""
        base, tuned = report["base"], report["finetuned"]
        self.verdict.setText(verdict.headline(run, base_model, HELD_OUT) if verdict else "")
        color = {BETTER: gain_color(), WORSE: loss_color()}.get(verdict.outcome if verdict else "")
        self.verdict.setStyleSheet(f"color: {color.name()};" if color else "")
        advice = ADVICE.get(verdict.outcome, UNCLEAR_ADVICE) if verdict else ""
        self.summary.setText(f"{advice} The {HELD_OUT} are yours, set apart before training: the new model never "
                             "saw them.".strip())
        self.rouge_title.setText(f"Held-out corrections ({report['n']}):")
        self.rouge.set_scores(base, tuned)
        self.bars.set_scores(base, tuned)
        has_starter = bool(starter_test and starter_test.get("base") and starter_test.get("finetuned"))
        if has_starter:
            self.starter_title.setText(f"General knowledge, the starter test split ({starter_test.get('n', '?')}):")
            self.starter.set_scores(starter_test["base"], starter_test["finetuned"])
        else:
            self.starter_title.setText("General knowledge (the starter test split) was not checked in this run.")
        self.starter_title.setStyleSheet("" if has_starter else f"color: {hint_color()};")
        self.starter.setVisible(has_starter)


class ExamplesTable(QTableWidget):
    """The report's examples: file name, the user's description, the base model's and the fine-tuned one's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        make_read_only(self, EXAMPLE_COLUMNS)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def show_examples(self, examples: list[dict[str, str]]) -> None:
        self.setRowCount(len(examples))
        for row, example in enumerate(examples):
            texts = (printable(example["filename"]), example["gold"], example["base"], example["finetuned"])
            for column, text in enumerate(texts):
                self.setItem(row, column, cell(text))
