"""The file table as it looks and reads: columns, rows, what is selected and what is on screen."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop_app.gui.files.delegate import DescriptionDelegate
from desktop_app.gui.files.filter import FileFilter
from desktop_app.gui.files.table_model import DESCRIPTION, MODIFIED, NAME, SIZE, TYPE, Row

COLUMN_WIDTHS = {NAME: 240, TYPE: 130, SIZE: 80, MODIFIED: 130}


class FileTable(QTableView):
    """The rows that pass the filter, sorted by header clicks; a double-click anywhere on a row edits its
    description."""

    def __init__(self, rows: FileFilter, row_height: int) -> None:
        super().__init__()
        self.rows = rows
        self.setModel(rows)
        self.setAccessibleName("Files")
        self.setSortingEnabled(True)
        self.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setItemDelegateForColumn(DESCRIPTION, DescriptionDelegate(self))
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.rows_area = self.viewport()  # fetched once: PySide's first wrap of it is slow
        numbers = self.verticalHeader()
        numbers.hide()
        numbers.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        numbers.setDefaultSectionSize(row_height)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in COLUMN_WIDTHS.items():
            self.setColumnWidth(column, width)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.doubleClicked.connect(self._double_clicked)

    def changeEvent(self, event: QEvent) -> None:
        """A new palette (a change of theme) recolours the states."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.rows.files().set_palette(self.palette())

    def selected_rows(self) -> list[Row]:
        """The selected rows (or the current one), in view order."""
        view_rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        if not view_rows and self.currentIndex().isValid():
            view_rows = [self.currentIndex().row()]
        return [self.rows.row_at(r) for r in view_rows]

    def visible_paths(self) -> list[str]:
        """The paths of the rows on screen, top to bottom."""
        count = self.rows.rowCount()
        if not count:
            return []
        top = max(0, self.rowAt(0))
        bottom = self.rowAt(self.rows_area.height() - 1)
        bottom = count - 1 if bottom < 0 else bottom
        return [self.rows.row_at(r).entry.path for r in range(top, bottom + 1)]

    def edit_current(self) -> None:
        """Edit the current row's description."""
        index = self.currentIndex()
        if index.isValid():
            description = index.siblingAtColumn(DESCRIPTION)
            self.setCurrentIndex(description)
            self.edit(description)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() != DESCRIPTION:
            self.edit(index.siblingAtColumn(DESCRIPTION))
