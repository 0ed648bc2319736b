"""The corrections view: every description the user wrote, deleting some (imported ones too), and their export as
JSONL (the seed's format)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
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
from core.store import Correction, Store
from desktop_app.gui.text_format import format_time, printable

COLUMNS = ("File", "Your description", "Where", "Saved")
DeleteCorrections = Callable[[list[Correction], Callable[[], None]], None]  # (chosen, called when done)


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
    """Lists the corrections (newest last, as stored); the selected ones can be deleted, all exported."""

    def __init__(self, store: Store, delete: DeleteCorrections, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self._delete = store, delete
        self.setWindowTitle("Your corrections")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # long paths keep their file name
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(2, 260)
        self.table.setColumnWidth(3, 130)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.delete_button = buttons.addButton("Delete", QDialogButtonBox.ButtonRole.ActionRole)
        self.delete_button.clicked.connect(self.delete_selected)
        self.delete_action = QAction("Delete", self.table)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.table.addAction(self.delete_action)
        self.export_button = buttons.addButton("Export JSONL…", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self._export)
        buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(900, 420)
        self._deleting = False
        self._fill()

    def _fill(self) -> None:
        """Show the store's corrections."""
        self.corrections = self.store.corrections()
        self.summary.setText(f"{len(self.corrections)} descriptions written by you. They win over the model's, "
                             "follow their files when renamed, and are the examples the model learns from.")
        self.table.clearSelection()
        self.table.setRowCount(len(self.corrections))
        for number, correction in enumerate(self.corrections):
            where = printable(display_name(correction.path)) if correction.path else "imported example"
            cells = (printable(correction.filename), correction.description, where, format_time(correction.updated))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(number, column, item)
        self._update_buttons()

    def _selected(self) -> list[Correction]:
        return [self.corrections[index.row()] for index in self.table.selectionModel().selectedRows()]

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(bool(self._selected()) and not self._deleting)
        self.delete_action.setEnabled(self.delete_button.isEnabled())
        self.export_button.setEnabled(bool(self.corrections))

    def delete_selected(self) -> None:
        """Delete the selected corrections once the user confirms; the list is read again when they are gone."""
        chosen = self._selected()
        if not chosen or self._deleting:
            return
        what = f"your description of {printable(chosen[0].filename)}" if len(chosen) == 1 else \
            f"{len(chosen)} of your descriptions"
        answer = QMessageBox.question(self, "Delete corrections", f"Delete {what}? The model's descriptions come "
                                      "back for these files, and the model no longer learns from them.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._deleting = True
        self._update_buttons()
        self._delete(chosen, self._deleted)

    def _deleted(self) -> None:
        """The deletion is over (done or failed): the list shows what the store holds now."""
        self._deleting = False
        before = len(self.corrections)
        self._fill()
        self.summary.setText(f"Deleted {before - len(self.corrections)}. {self.summary.text()}")

    def _export(self) -> None:
        count = export_corrections(self, self.store)
        if count is not None:
            self.summary.setText(f"Exported {count} corrections.")
