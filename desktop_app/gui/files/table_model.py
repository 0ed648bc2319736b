"""The file list as a Qt table model: rows are inserted, changed and removed one by one (never a reset for
an update), and kept sorted by the model itself so that 10,000 rows sort in milliseconds.
"""
from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from core.describe.export import DescribedFile
from core.describe.states import CACHED, CORRECTED, DESCRIBED, FAILED, GENERATED, WAITING, DescriptionState
from core.files.folder_listing import listing_order
from core.files.scanner import FileEntry, display_name
from desktop_app.gui.colors import StateColors
from desktop_app.gui.icons import FileTypes, StateMarks
from desktop_app.gui.text_format import format_size, format_time, printable

NAME, DESCRIPTION, TYPE, SIZE, MODIFIED = range(5)
HEADERS = ("Name", "Description", "Type", "Size", "Modified")

TOOLTIPS = {
    CACHED: "Written by the model (from the cache)",
    GENERATED: "Written by the model",
    CORRECTED: "Your description: kept, and used to train the model",
}


@dataclass(slots=True)
class Row:
    """One file and its description."""

    entry: FileEntry
    state: DescriptionState = WAITING
    description: str = ""
    reason: str = ""  # why describing failed


class _Descending:
    """Inverts the order of a sort key, so that bisect works on a list sorted in reverse."""

    __slots__ = ("key",)

    def __init__(self, key: tuple) -> None:
        self.key = key

    def __lt__(self, other: _Descending) -> bool:
        return other.key < self.key


class FileTableModel(QAbstractTableModel):
    """Rows of the open folder; the window feeds it listing changes and descriptions."""

    # path, filename, new description ("" to go back to the model's); the path travels as a Python object,
    # because a str signal cuts a name that is not UTF-8 at its first bad byte.
    edited = Signal(object, str, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._row_of: dict[str, int] = {}
        self._index_stale = False
        self._counts: Counter[DescriptionState] = Counter()
        self._sort_column, self._sort_order = NAME, Qt.SortOrder.AscendingOrder
        self.types = FileTypes()
        self.set_palette(QGuiApplication.palette())
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_palette(self, palette: QPalette) -> None:
        """The states' colours and marks for `palette` (the view forwards a change of theme)."""
        self.colors = StateColors.of(palette)
        self.marks = StateMarks(self.colors)
        if self._rows:
            self.dataChanged.emit(self.index(0, DESCRIPTION), self.index(len(self._rows) - 1, DESCRIPTION))

    # Reading ----------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def _index(self) -> dict[str, int]:
        """Row numbers by path, rebuilt after rows moved."""
        if self._index_stale:
            self._row_of = {row.entry.path: number for number, row in enumerate(self._rows)}
            self._index_stale = False
        return self._row_of

    def row_of(self, path: str) -> int | None:
        """The row number of a path (None if not listed)."""
        return self._index().get(path)

    def count(self, *states: DescriptionState) -> int:
        """Rows in any of these states."""
        return sum(self._counts[state] for state in states)

    def files(self, wanted: Callable[[Row], bool] = lambda row: True) -> list[tuple[str, str]]:
        """(path, filename) of the rows `wanted` accepts, in row order."""
        return [(row.entry.path, row.entry.name) for row in self._rows if wanted(row)]

    def described_files(self) -> list[DescribedFile]:
        """Every row as File > Export… writes it, in row order (no description while waiting or failed)."""
        return [DescribedFile(row.entry.path, row.entry.name, row.description if row.state in DESCRIBED else "",
                              row.state) for row in self._rows]

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == DESCRIPTION else flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if column == DESCRIPTION:
            return self._description_data(row, role)
        if role == Qt.ItemDataRole.DecorationRole and column == NAME:
            return self.types.icon(row.entry.name, row.entry.kind)
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            problem = f"\n{row.entry.error}" if row.entry.error else ""
            return printable(display_name(row.entry.path)) + problem
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: Row, column: int) -> str:
        entry = row.entry
        if column == NAME:
            return printable(entry.relative)
        if column == DESCRIPTION:
            if row.state == WAITING:
                return "waiting…"
            if row.state == FAILED:
                return "could not describe this file"
            return row.description or "(no description)"
        if column == TYPE:
            return self.types.type_name(entry.name, entry.kind)
        if entry.error or entry.kind == "special":
            return "—"
        return format_size(entry.size) if column == SIZE else format_time(entry.mtime)

    def _description_data(self, row: Row, role: int):
        if role == Qt.ItemDataRole.EditRole:
            return row.description if row.state in DESCRIBED else ""
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.state == WAITING or (row.state in DESCRIBED and not row.description):
                return self.colors.waiting
            return {FAILED: self.colors.failed, CORRECTED: self.colors.corrected}.get(row.state)
        if role == Qt.ItemDataRole.FontRole and row.state == WAITING:
            return self._italic
        if role == Qt.ItemDataRole.DecorationRole:
            return {CORRECTED: self.marks.corrected, FAILED: self.marks.failed}.get(row.state)
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.state == FAILED:
                return f"Could not describe this file: {row.reason}"
            if row.state == WAITING:
                return "Waiting for the model"
            return f"{row.description}\n\n{TOOLTIPS[row.state]}" if row.description else TOOLTIPS[row.state]
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """An edit of a description is forwarded (the window stores it and updates the row)."""
        if role != Qt.ItemDataRole.EditRole or index.column() != DESCRIPTION:
            return False
        row = self._rows[index.row()]
        text = " ".join(str(value).split())
        if text == (row.description if row.state in DESCRIBED else ""):
            return False
        self.edited.emit(row.entry.path, row.entry.name, text)
        return True

    # Sorting ----------------------------------------------------------------------------------

    def _key(self, row: Row) -> tuple:
        """Sort key of a row in the current column; the path breaks ties, so keys are unique."""
        entry, column = row.entry, self._sort_column
        if column == DESCRIPTION:
            primary = (row.state not in DESCRIBED, row.description.casefold())
        elif column == TYPE:
            primary = self.types.type_name(entry.name, entry.kind).casefold()
        elif column == SIZE:
            primary = entry.size
        elif column == MODIFIED:
            primary = entry.mtime
        else:
            primary = ()
        return primary, *listing_order(entry)

    def _ordered_key(self, row: Row):
        key = self._key(row)
        return key if self._sort_order == Qt.SortOrder.AscendingOrder else _Descending(key)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows (a layout change: selection and editors follow their rows)."""
        self._sort_column, self._sort_order = column, order
        self._relayout(sorted(self._rows, key=self._key, reverse=order == Qt.SortOrder.DescendingOrder))

    def sort_by(self, score: dict[str, float]) -> None:
        """Order by a ranking (semantic search), best first; rows not ranked go last."""
        self._relayout(sorted(self._rows, key=lambda row: -score.get(row.entry.path, -1.0)))

    def _relayout(self, rows: list[Row]) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        paths = [self._rows[index.row()].entry.path for index in persistent]
        self._rows, self._index_stale = rows, True
        moved = [self.index(self.row_of(path), index.column()) for path, index in zip(paths, persistent, strict=True)]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    # Changing ---------------------------------------------------------------------------------

    def clear(self) -> None:
        """Empty the list (another folder is opened: the one reset there is)."""
        self.beginResetModel()
        self._rows, self._row_of, self._index_stale = [], {}, False
        self._counts.clear()
        self.endResetModel()

    def add(self, entries: list[FileEntry]) -> None:
        """New files, each at its sorted place: all appended when they sort below the last row, else runs of
        new rows that land between the same two rows go in at once, last run first (a re-sort would re-layout
        the whole view: 200-400 ms at 20,000 rows)."""
        listed = self._index()
        fresh = sorted((Row(entry) for entry in entries if entry.path not in listed), key=self._ordered_key)
        self._counts[WAITING] += len(fresh)
        if fresh and (not self._rows or self._ordered_key(self._rows[-1]) < self._ordered_key(fresh[0])):
            self._append(fresh)  # a folder being listed in the table's order
            return
        runs: dict[int, list[Row]] = {}
        for row in fresh:
            runs.setdefault(bisect.bisect(self._rows, self._ordered_key(row), key=self._ordered_key), []).append(row)
        for position, run in sorted(runs.items(), reverse=True):
            self.beginInsertRows(QModelIndex(), position, position + len(run) - 1)
            self._rows[position:position] = run
            self._index_stale = True
            self.endInsertRows()

    def _append(self, rows: list[Row]) -> None:
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows.extend(rows)
        self._index_stale = True
        self.endInsertRows()

    def update(self, entries: list[FileEntry]) -> None:
        """Files whose size, time or kind changed."""
        numbers = []
        for entry in entries:
            number = self.row_of(entry.path)
            if number is not None:
                self._rows[number].entry = entry
                numbers.append(number)
        self._changed(numbers, NAME, MODIFIED)

    def remove(self, paths: Iterable[str]) -> None:
        """Files that are gone, removed in runs of neighbouring rows."""
        numbers = sorted((n for n in map(self.row_of, paths) if n is not None), reverse=True)
        for first, last in _runs(numbers):
            self.beginRemoveRows(QModelIndex(), first, last)
            for row in self._rows[first : last + 1]:
                self._counts[row.state] -= 1
            del self._rows[first : last + 1]
            self._index_stale = True
            self.endRemoveRows()

    def set_descriptions(self, found: Iterable[tuple[str, str, DescriptionState]]) -> None:
        """Descriptions (path, text, source); the user's correction is never replaced by the model's text."""
        numbers = []
        for path, text, source in found:
            number = self.row_of(path)
            if number is None:
                continue
            row = self._rows[number]
            if row.state == CORRECTED and source != CORRECTED:
                continue
            self._set_state(row, source)
            row.description, row.reason = text, ""
            numbers.append(number)
        self._changed(numbers, DESCRIPTION, DESCRIPTION)

    def set_failed(self, failures: Iterable[tuple[str, str]]) -> None:
        """Files the model could not describe, with the reason."""
        numbers = []
        for path, reason in failures:
            number = self.row_of(path)
            if number is not None and self._rows[number].state != CORRECTED:
                self._set_state(self._rows[number], FAILED)
                self._rows[number].reason = reason
                numbers.append(number)
        self._changed(numbers, DESCRIPTION, DESCRIPTION)

    def set_waiting(self, paths: Iterable[str]) -> None:
        """Rows whose description is being looked for again."""
        numbers = [n for n in map(self.row_of, paths) if n is not None]
        for number in numbers:
            self._set_state(self._rows[number], WAITING)
        self._changed(numbers, DESCRIPTION, DESCRIPTION)

    def _set_state(self, row: Row, state: DescriptionState) -> None:
        self._counts[row.state] -= 1
        self._counts[state] += 1
        row.state = state

    def _changed(self, numbers: list[int], first_column: int, last_column: int) -> None:
        """dataChanged for each run of neighbouring rows."""
        for first, last in _runs(sorted(set(numbers), reverse=True)):
            self.dataChanged.emit(self.index(first, first_column), self.index(last, last_column))


def _runs(descending: list[int]) -> list[tuple[int, int]]:
    """Runs of consecutive numbers as (first, last), from a list sorted in descending order, last run first."""
    runs: list[tuple[int, int]] = []
    for number in descending:
        if runs and runs[-1][0] == number + 1:
            runs[-1] = (number, runs[-1][1])
        else:
            runs.append((number, number))
    return runs
