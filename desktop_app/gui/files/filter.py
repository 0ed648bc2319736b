"""Filtering the file list: by words in the name or description, or by a semantic ranking of descriptions."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from desktop_app.gui.files.table_model import FileTableModel, Row


class FileFilter(QSortFilterProxyModel):
    """Shows the rows that match; sorting is the source model's (fast), so this proxy never sorts itself."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._ranked: set[str] | None = None
        self.setDynamicSortFilter(True)

    def files(self) -> FileTableModel:
        return self.sourceModel()

    def row_at(self, view_row: int) -> Row:
        """The row shown at `view_row`."""
        return self.files().row_at(self.mapToSource(self.index(view_row, 0)).row())

    def set_words(self, text: str) -> None:
        """Keep rows whose name or description contains every word (case-insensitive)."""
        self._refilter(text.casefold().split(), None)

    def set_ranking(self, paths: list[str] | None) -> None:
        """Keep only these rows (semantic search results), or, for None, go back to the word filter."""
        self._refilter(self._words, None if paths is None else set(paths))

    def _refilter(self, words: list[str], ranked: set[str] | None) -> None:
        """Filter again, only if something changed (10,000 rows take a while)."""
        if (words, ranked) == (self._words, self._ranked):
            return
        self.beginFilterChange()
        self._words, self._ranked = words, ranked
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._words and self._ranked is None:
            return True
        row = self.files().row_at(source_row)
        if self._ranked is not None:
            return row.entry.path in self._ranked
        text = f"{row.entry.relative}\n{row.description}".casefold()
        return all(word in text for word in self._words)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header clicks sort the source model."""
        self.files().sort(column, order)
