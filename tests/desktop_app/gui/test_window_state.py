"""The window's layout outlives it: geometry, the Q&A dock, the tab, the file table's columns and sort."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from desktop_app.gui.files.table_model import NAME, SIZE, TYPE
from desktop_app.gui.window_state import WINDOW_STATE_FILENAME


def layout_of(window) -> dict[str, object]:
    """What the next window should show as this one left it; not the width nor the left edge: the offscreen
    screen, 800 pixels wide, is narrower than the window's minimum width, which Qt fits to the screen its own way."""
    header = window.files.table.horizontalHeader()
    return {"height": window.height(), "top": window.y(), "tab": window.tabs.currentIndex(),
            "dock": window.qa_panel.isVisible(), "dock_width": window.qa_panel.width(),
            "widths": [header.sectionSize(c) for c in (NAME, TYPE, SIZE)],
            "sort": (header.sortIndicatorSection(), header.sortIndicatorOrder()),
            "first_row": window.files.filter.row_at(0).entry.name}


def test_the_next_window_opens_as_the_last_one_closed(qtbot, make_window, folder: Path,
                                                      isolated_data_dir: Path) -> None:
    first = make_window(folder)
    qtbot.waitUntil(lambda: first.files.model.rowCount() == 3)
    default = layout_of(first)
    (folder / "big.bin").write_bytes(b"x" * 5000)
    first.files.refresh()
    qtbot.waitUntil(lambda: first.files.model.rowCount() == 4)
    first.resize(760, 560)  # within the offscreen screen (800x600): restoreGeometry keeps windows on screen
    first.move(12, 24)
    first.qa_panel.show()
    qtbot.waitUntil(lambda: first.qa_panel.width() > 100)
    first.resizeDocks([first.qa_panel], [250], Qt.Orientation.Horizontal)
    header = first.files.table.horizontalHeader()
    for column, width in ((NAME, 301), (TYPE, 77), (SIZE, 95)):
        header.resizeSection(column, width)
    first.files.table.sortByColumn(SIZE, Qt.SortOrder.DescendingOrder)
    first.tabs.setCurrentIndex(1)
    qtbot.wait(50)
    left = layout_of(first)
    assert left["first_row"] == "big.bin" and left != default
    first.close()
    assert (isolated_data_dir / WINDOW_STATE_FILENAME).is_file()  # the test's data folder, not the user's

    second = make_window(folder)
    qtbot.waitUntil(lambda: second.files.model.rowCount() == 4)
    qtbot.wait(50)
    assert layout_of(second) == left
    assert not second.toolbar.isVisible()  # the Files tab's toolbar hides on the Training tab


def test_a_damaged_layout_file_is_ignored(qtbot, make_window, isolated_data_dir: Path) -> None:
    isolated_data_dir.mkdir(parents=True, exist_ok=True)
    file = QSettings(str(isolated_data_dir / WINDOW_STATE_FILENAME), QSettings.Format.IniFormat)
    for key, value in (("window/geometry", "garbage"), ("window/state", 3), ("window/tab", 7),
                       ("files/column_widths", ["a", -5]), ("files/sort_column", "x"), ("files/sort_order", 9)):
        file.setValue(key, value)
    file.sync()
    window = make_window()
    header = window.files.table.horizontalHeader()
    assert window.tabs.currentIndex() == 0 and window.toolbar.isVisible()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (NAME, Qt.SortOrder.AscendingOrder)
    assert header.sectionSize(NAME) == 240
