"""The left side of the Training tab: what the model learns from (the corrections, ticked or not, and extra
JSONL files) and how (the settings). It only collects choices; the run itself is started by the tab.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.describe.examples import Example
from core.files.scanner import display_name
from core.store import Correction
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.text_format import printable
from desktop_app.gui.training.plan import MIN_CORRECTIONS_FLOOR, TrainingOptions
from desktop_app.gui.training.report import cell, make_read_only

AUTO_RATE = "auto"
LEARNING_RATES = (AUTO_RATE, "1e-4", "3e-4", "1e-3", "3e-3")  # auto: the base model's recommended rate
CorrectionKey = tuple[str | None, str, str]


def key_of(correction: Correction) -> CorrectionKey:
    """What identifies a correction across reloads (a new text is a new correction to review)."""
    return correction.path, correction.filename, correction.description


def percent_box(value: float, maximum: int, tooltip: str) -> QSpinBox:
    """A spin box of a share, shown in percent."""
    box = QSpinBox()
    box.setRange(0, maximum)
    box.setSuffix(" %")
    box.setValue(round(value * 100))
    box.setToolTip(tooltip)
    return box


class TrainingInputs(QWidget):
    """Corrections to tick, extra files and settings; `changed` whenever any of them changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._corrections: list[Correction] = []
        self._unticked: set[CorrectionKey] = set()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._build_data(), 1)
        layout.addWidget(self._build_settings())

    # Building ---------------------------------------------------------------------------------

    def _build_data(self) -> QGroupBox:
        box = QGroupBox("What the model learns from")
        self.summary = QLabel("Your corrections are loading…")
        self.summary.setWordWrap(True)
        self.table = make_read_only(QTableWidget(), ("File", "Your description"))
        self.table.setToolTip("Untick a correction to leave it out of the training")
        self.table.setAccessibleName("Corrections to train on")
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 170)
        self.table.itemChanged.connect(self._ticked)
        tick_all, tick_none = QPushButton("Tick All"), QPushButton("Untick All")
        tick_all.clicked.connect(lambda: self._tick_all(True))
        tick_none.clicked.connect(lambda: self._tick_all(False))
        self.extra_list = QListWidget()
        self.extra_list.setMaximumHeight(54)
        self.extra_list.setAccessibleName("Extra example files")
        self.extra_list.setToolTip("JSONL files of filename/file_desc examples, added to the training set")
        self.add_extra_button, self.remove_extra_button = QPushButton("Add…"), QPushButton("Remove")
        self.add_extra_button.clicked.connect(self._choose_extra)
        self.remove_extra_button.clicked.connect(self._remove_extra)
        self.extra_list.itemSelectionChanged.connect(
            lambda: self.remove_extra_button.setEnabled(bool(self.extra_list.selectedItems())))
        self.remove_extra_button.setEnabled(False)
        layout = QVBoxLayout(box)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        ticks = QHBoxLayout()
        ticks.addWidget(tick_all)
        ticks.addWidget(tick_none)
        ticks.addStretch()
        layout.addLayout(ticks)
        layout.addWidget(QLabel("Extra examples (JSONL files of filename/file_desc):"))
        extras = QHBoxLayout()
        extras.addWidget(self.extra_list, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_extra_button)
        buttons.addWidget(self.remove_extra_button)
        buttons.addStretch()
        extras.addLayout(buttons)
        layout.addLayout(extras)
        return box

    def _build_settings(self) -> QGroupBox:
        defaults = TrainingOptions()
        box = QGroupBox("Settings")
        self.replay = percent_box(defaults.replay, 90, "Share of the training set drawn from the starter corpus, so "
                                  "that a few dozen corrections do not make the model forget everything else")
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 200)
        self.epochs.setValue(defaults.epochs)
        self.epochs.setToolTip("At most this many passes over the data; training stops early when the validation "
                               "loss stops improving, and the best epoch is kept")
        self.lr = QComboBox()
        self.lr.setEditable(True)
        self.lr.addItems(LEARNING_RATES)
        self.lr.setCurrentText(AUTO_RATE)
        self.lr.setValidator(QDoubleValidator(1e-7, 1.0, 8))
        self.lr.setToolTip("Peak learning rate of AdamW; auto: the rate the base model recommends "
                           "(1e-3 for the bundled starter), else 3e-4")
        self.batch_size = QSpinBox()
        self.batch_size.setRange(1, 512)
        self.batch_size.setValue(defaults.batch_size)
        self.held_out = percent_box(defaults.held_out, 50, "Share of your corrections kept apart: never trained on, "
                                    "used to compare the new model with the current one")
        self.held_out.setMinimum(5)
        self.minimum = QSpinBox()
        self.minimum.setRange(MIN_CORRECTIONS_FLOOR, 100_000)
        self.minimum.setValue(defaults.min_corrections)
        self.minimum.setToolTip("Minimum number of ticked corrections: Start stays disabled with fewer")
        self.fusion = QCheckBox("Fusion")
        self.fusion.setChecked(defaults.fusion)
        self.fusion.setToolTip("Feed the filename's MiniLM embedding into the model (recommended)")
        self.lora = QCheckBox("LoRA")
        self.lora.setChecked(defaults.lora)
        self.lora.setToolTip("Train small adapters (merged into the saved model) instead of every weight")
        grid = QGridLayout(box)
        grid.addWidget(QLabel("Keep general knowledge (starter mix):"), 0, 0, 1, 3)
        self.replay.setAccessibleName("Keep general knowledge")
        grid.addWidget(self.replay, 0, 3)
        fields = (("Held out:", self.held_out), ("Minimum:", self.minimum), ("Max. epochs:", self.epochs),
                  ("Learning rate:", self.lr), ("Batch size:", self.batch_size))
        for number, (text, widget) in enumerate(fields):
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(text.rstrip(":"))
            grid.addWidget(label, 1 + number // 2, (number % 2) * 2)
            grid.addWidget(widget, 1 + number // 2, (number % 2) * 2 + 1)
        switches = QHBoxLayout()
        switches.addWidget(self.fusion)
        switches.addWidget(self.lora)
        grid.addLayout(switches, 3, 2, 1, 2)
        for widget in (self.replay, self.epochs, self.batch_size, self.held_out, self.minimum):
            widget.valueChanged.connect(self.changed)
        self.lr.currentTextChanged.connect(self.changed)
        return box

    # Corrections ------------------------------------------------------------------------------

    def set_corrections(self, corrections: Sequence[Correction]) -> None:
        """Show the store's corrections; ones unticked before stay unticked."""
        self._corrections = list(corrections)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._corrections))
        for row, correction in enumerate(self._corrections):
            name = cell(printable(correction.filename))
            name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = key_of(correction) not in self._unticked
            name.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            where = printable(display_name(correction.path)) if correction.path else "an imported example"
            name.setToolTip(where)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, cell(correction.description))
        self.table.blockSignals(False)
        self._update_summary()

    def _ticked(self, item: QTableWidgetItem) -> None:
        if item.column() != 0:
            return
        key = key_of(self._corrections[item.row()])
        if item.checkState() == Qt.CheckState.Checked:
            self._unticked.discard(key)
        else:
            self._unticked.add(key)
        self._update_summary()

    def _tick_all(self, ticked: bool) -> None:
        self._unticked = set() if ticked else {key_of(c) for c in self._corrections}
        self.set_corrections(self._corrections)

    def ticked(self) -> list[Example]:
        """The ticked corrections as training examples."""
        return [Example(c.filename, c.description) for c in self._corrections if key_of(c) not in self._unticked]

    def _update_summary(self) -> None:
        total, ticked = len(self._corrections), len(self.ticked())
        if not total:
            self.summary.setText("No corrections yet. Correct descriptions in the Files tab (F2 or double-click): "
                                 "each one is an example the model can learn from.")
        else:
            self.summary.setText(f"{total} corrections, {ticked} ticked to train on. "
                                 "Untick any you do not want the model to learn.")
        self.changed.emit()

    # Extra files ------------------------------------------------------------------------------

    def _choose_extra(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Add examples", str(Path.home()),
                                                "JSON Lines (*.jsonl);;All files (*)")
        for name in files:
            self.add_extra(Path(name))

    def add_extra(self, path: Path) -> None:
        """Add a JSONL file of examples (once)."""
        if str(path) not in self._extra_names():
            self.extra_list.addItem(str(path))
            self.changed.emit()

    def _remove_extra(self) -> None:
        for item in self.extra_list.selectedItems():
            self.extra_list.takeItem(self.extra_list.row(item))
        self.changed.emit()

    def _extra_names(self) -> list[str]:
        return [self.extra_list.item(n).text() for n in range(self.extra_list.count())]

    def extra_files(self) -> list[Path]:
        return [Path(name) for name in self._extra_names()]

    # Settings ---------------------------------------------------------------------------------

    def options(self, settings: AppSettings, **fixed: Any) -> TrainingOptions:
        """The options as chosen, the app's device, downloads and memory choice, and `fixed` options that have
        no control here (threads, starter_check)."""
        try:
            lr: float | None = float(self.lr.currentText())
        except ValueError:  # "auto", or text the validator let through half-typed
            lr = None
        return TrainingOptions(epochs=self.epochs.value(), lr=lr, batch_size=self.batch_size.value(),
                               fusion=self.fusion.isChecked(), lora=self.lora.isChecked(),
                               held_out=self.held_out.value() / 100, replay=self.replay.value() / 100,
                               min_corrections=self.minimum.value(), use_memory=settings.use_memory,
                               device=settings.device, allow_download=settings.allow_download, **fixed)

    def set_enabled_while_running(self, running: bool) -> None:
        """The inputs of a running run cannot change."""
        for widget in self.findChildren(QGroupBox):
            widget.setEnabled(not running)
