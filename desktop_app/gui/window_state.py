"""The window's layout between sessions (geometry, docks, the current tab, the file table's column widths and sort),
kept by QSettings in an INI file in the data folder: each data folder (a test's, a screenshot run's) has its own."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QMainWindow, QTableView, QTabWidget

from core.store import default_data_dir

WINDOW_STATE_FILENAME = "window.ini"


def window_state_file(data_dir: Path | None = None) -> QSettings:
    """The QSettings of the window's layout in `data_dir` (default: the store's data folder)."""
    path = (data_dir or default_data_dir()) / WINDOW_STATE_FILENAME
    return QSettings(str(path), QSettings.Format.IniFormat)


def save_window_state(file: QSettings, window: QMainWindow, tabs: QTabWidget, table: QTableView) -> None:
    """Record the window's geometry and docks, the current tab, the table's column widths and sort."""
    header = table.horizontalHeader()
    file.setValue("window/geometry", window.saveGeometry())
    file.setValue("window/state", window.saveState())
    file.setValue("window/tab", tabs.currentIndex())
    file.setValue("files/column_widths", [header.sectionSize(n) for n in range(header.count())])
    file.setValue("files/sort_column", header.sortIndicatorSection())
    file.setValue("files/sort_order", header.sortIndicatorOrder().value)
    file.sync()


def restore_window_state(file: QSettings, window: QMainWindow, tabs: QTabWidget, table: QTableView) -> None:
    """Put back what `save_window_state` recorded; a missing or damaged value leaves that part as it is."""
    geometry, state = file.value("window/geometry"), file.value("window/state")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    if isinstance(state, QByteArray):
        window.restoreState(state)
    tab = _int(file.value("window/tab"))
    if tab is not None and 0 <= tab < tabs.count():
        tabs.setCurrentIndex(tab)
    header = table.horizontalHeader()
    widths = file.value("files/column_widths")
    if isinstance(widths, list) and len(widths) == header.count():
        for column, width in enumerate(map(_int, widths)):
            if width and width > 0 and header.sectionResizeMode(column) != header.ResizeMode.Stretch:
                header.resizeSection(column, width)
    column, order = _int(file.value("files/sort_column")), _int(file.value("files/sort_order"))
    if column is not None and 0 <= column < header.count() and order in (0, 1):
        table.sortByColumn(column, Qt.SortOrder(order))


def _int(value: object) -> int | None:
    """`value` as an int (an INI file gives strings back), None when it is not one."""
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
