"""The corrections view: every description the user wrote, and their export as JSONL (the seed's format)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.errors import FileScribeError
from core.files.scanner import display_name
from core.store import Store
from desktop_app.gui.text_format import format_time, printable

COLUMNS = ("File", "Your description", "Where", "Saved")


def export_corrections(parent: QWidget, store: Store) -> int | None:
    """Ask where to write the JSONL export and write it; returns how many were exported (None if cancelled)."""
    target, _ = QFileDialog.getSaveFileName(parent, "Export corrections", str(Path.home() / "corrections.jsonl"),
                                            "JSON Lines (*.jsonl);;All files (*)")
    if not target:
        return None
    try:
        return store.export_corrections(Path(target))
    except (OSError, FileScribeError) as exc:
        QMessageBox.warning(parent, "Export failed", f"Could not write {target}:\n{exc}")
        return None


class CorrectionsDialog(QDialog):
    """Lists the corrections (newest last, as stored) with an export button."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Your corrections")
        corrections = store.corrections()
        self.summary = QLabel(f"{len(corrections)} descriptions written by you. They win over the model's, "
                              "follow their files when renamed, and are the examples the model learns from.")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(len(corrections), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        for number, correction in enumerate(corrections):
            where = printable(display_name(correction.path)) if correction.path else "imported example"
            cells = (printable(correction.filename), correction.description, where, format_time(correction.updated))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(number, column, item)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # long paths keep their file name
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(2, 260)
        self.table.setColumnWidth(3, 130)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton("Export JSONL…", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setEnabled(bool(corrections))
        self.export_button.clicked.connect(self._export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(900, 420)

    def _export(self) -> None:
        count = export_corrections(self, self.store)
        if count is not None:
            self.summary.setText(f"Exported {count} corrections.")
