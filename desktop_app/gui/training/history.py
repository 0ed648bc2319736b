"""The run history of the Training tab: every run with its date, data size, ROUGE and status, which model is in
use, and the buttons that go back to the base model or delete a run.
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget, QVBoxLayout, QWidget

from desktop_app.gui.colors import gain_color, loss_color
from desktop_app.gui.text_format import format_change, format_time
from desktop_app.gui.training.report import cell, make_read_only
from desktop_app.gui.training.runs import CANCELLED, FAILED, FINISHED, RUNNING, RunRecord

COLUMNS = ("Run", "Date", "Status", "Examples", "ROUGE-1", "")
STATUS_COLUMN, ROUGE_COLUMN, IN_USE_COLUMN = 2, 4, 5
STATUS_TEXT = {RUNNING: "Running…", FINISHED: "Finished", CANCELLED: "Cancelled", FAILED: "Failed"}


def status_color(status: str) -> QColor | None:
    """Green for a finished run, red for a failed one (readable in the palette), else the text colour."""
    if status == FINISHED:
        return gain_color()
    return loss_color() if status == FAILED else None


def data_text(record: RunRecord) -> str:
    """Examples trained on, and corrections held out to evaluate on."""
    if not record.sizes:
        return ""
    return f"{record.examples} + {record.sizes.get('held_out', 0)} held out"


def rouge_text(record: RunRecord) -> str:
    """ROUGE-1 of the base and the fine-tuned model on the held-out corrections."""
    if not record.rouge:
        return ""
    base, tuned = record.rouge["base"]["rouge1"], record.rouge["finetuned"]["rouge1"]
    return f"{base:.3f} → {tuned:.3f} ({format_change(tuned - base)})"


class RunHistory(QWidget):
    """The runs, newest first; selecting one shows it in the tab."""

    selected = Signal(object)  # RunRecord, or None when nothing is selected
    use_base_requested = Signal()
    delete_requested = Signal(object)  # RunRecord

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records: list[RunRecord] = []
        self.active_id: str | None = None
        self.in_use = QLabel()
        self.in_use.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.use_base_button = QPushButton("Use the Base Model")
        self.use_base_button.clicked.connect(self.use_base_requested)
        self.delete_button = QPushButton("Delete Run")
        self.delete_button.clicked.connect(lambda: self.delete_requested.emit(self.current()))
        self.table = make_read_only(QTableWidget(), COLUMNS)
        self.table.setAccessibleName("Training runs")
        self.table.horizontalHeaderItem(ROUGE_COLUMN).setToolTip(
            "ROUGE-1 on the held-out corrections: base → fine-tuned (change)")
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        top = QHBoxLayout()
        title = QLabel("Runs")
        bold = QFont(title.font())
        bold.setBold(True)
        title.setFont(bold)
        top.addWidget(title)
        top.addWidget(self.in_use, 1)
        top.addWidget(self.use_base_button)
        top.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._update_buttons()

    def set_records(self, records: Sequence[RunRecord], titles: Sequence[str], active_id: str | None,
                    base_name: str) -> None:
        """Show `records` under their `titles`; `active_id` is the run in use (None: the base model, named
        `base_name`). The selection stays."""
        keep = self.current()
        self.records, self.active_id = list(records), active_id
        active = next((title for record, title in zip(records, titles, strict=True) if record.id == active_id), None)
        self.in_use.setText(f"In use: {active or base_name}")
        self.use_base_button.setToolTip(f"Describe files with {base_name} again (your corrections stay)")
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.records))
        for row, (record, title) in enumerate(zip(self.records, titles, strict=True)):
            texts = (title, format_time(record.created), STATUS_TEXT.get(record.status, record.status),
                     data_text(record), rouge_text(record), "● in use" if record.id == active_id else "")
            for column, text in enumerate(texts):
                item = cell(text, color=status_color(record.status) if column == STATUS_COLUMN else None)
                if column == STATUS_COLUMN and record.error:
                    item.setToolTip(record.error)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.select(keep.id if keep is not None else None)

    def select(self, run_id: str | None) -> None:
        """Select the run `run_id` (none if None or unknown) without emitting `selected`: the caller shows it."""
        row = next((n for n, r in enumerate(self.records) if r.id == run_id), None)
        self.table.blockSignals(True)
        self.table.selectionModel().blockSignals(True)
        self.table.clearSelection()
        if row is not None:
            self.table.selectRow(row)
        self.table.selectionModel().blockSignals(False)
        self.table.blockSignals(False)
        self._update_buttons()

    def current(self) -> RunRecord | None:
        """The selected run."""
        rows = self.table.selectionModel().selectedRows()
        return self.records[rows[0].row()] if rows and rows[0].row() < len(self.records) else None

    def _selection_changed(self) -> None:
        self._update_buttons()
        self.selected.emit(self.current())

    def _update_buttons(self) -> None:
        record = self.current()
        self.use_base_button.setEnabled(self.active_id is not None)
        deletable = record is not None and record.id != self.active_id and record.status != RUNNING
        self.delete_button.setEnabled(deletable)
        self.delete_button.setToolTip("" if deletable or record is None else
                                      "The model in use cannot be deleted: use another one first"
                                      if record.id == self.active_id else "A running run is cancelled, not deleted")
