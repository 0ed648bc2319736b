"""Settings, navigation, drag and drop, filtering and search by meaning, file comments."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from core.files.comments import COMMENT_ATTRIBUTE
from desktop_app.gui.files.table_model import DESCRIPTION
from desktop_app.gui.settings import AppSettings, load_settings
from desktop_app.gui.settings_dialog import SettingsDialog
from tests.desktop_app.helpers import names_of, settle


def shown(window) -> list[str]:
    """The names the table shows, top to bottom."""
    return [window.files.filter.index(r, 0).data() for r in range(window.files.filter.rowCount())]


def test_settings_are_edited_in_the_dialog_and_persist(qtbot, make_window, folder: Path) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.model.setCurrentText("starter")
    dialog.device.setCurrentIndex(dialog.device.findData("cpu"))
    dialog.allow_download.setChecked(True)
    dialog.show_hidden.setChecked(True)
    dialog.recursive.setChecked(True)
    dialog.write_comments.setChecked(True)
    dialog.use_memory.setChecked(False)
    window.apply_settings(dialog.settings())
    window.store_tasks.wait()
    saved = load_settings()
    assert saved == AppSettings("starter", "cpu", True, True, True, True, False, [str(folder)])
    settle(qtbot, window)  # the engine reloads (the test factory ignores the spec) and the folder is relisted
    restarted = make_window()
    assert restarted.settings == saved and restarted.recursive_action.isChecked()
    assert restarted.hidden_action.isChecked()


def test_the_last_folder_reopens_and_recent_folders_are_offered(qtbot, make_window, folder: Path) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    window._fill_recent_menu()
    assert [a.text() for a in window.recent_menu.actions() if a.text()] == [str(folder), "Clear Recent Folders"]
    window.store_tasks.wait()
    fresh = make_window()
    assert fresh.files.stack.currentWidget() is fresh.files.welcome
    assert load_settings().recent_folders == [str(folder)]


def test_subfolders_are_entered_and_left_and_listed_recursively(qtbot, make_window, folder: Path) -> None:
    (folder / "scans").mkdir()
    (folder / "scans" / "passport.png").write_text("x")
    window = make_window(folder)
    settle(qtbot, window)
    assert [window.files.folders.item(i).text() for i in range(window.files.folders.count())] == ["scans"]
    window.files.folders.itemClicked.emit(window.files.folders.item(0))
    settle(qtbot, window)
    assert window.files.session.root == str(folder / "scans") and list(names_of(window)) == ["passport.png"]
    assert window.files.path_bar.text() == str(folder / "scans")
    window.files.up_action.trigger()
    settle(qtbot, window)
    assert window.files.session.root == str(folder) and "passport.png" not in names_of(window)
    window.recursive_action.trigger()
    settle(qtbot, window)
    assert os.path.join("scans", "passport.png") in names_of(window)
    (folder / "scans" / "visa.png").write_text("x")
    qtbot.waitUntil(lambda: os.path.join("scans", "visa.png") in names_of(window), timeout=10_000)


def test_typed_paths_and_dropped_folders_open(qtbot, make_window, folder: Path, tmp_path: Path) -> None:
    window = make_window()
    window.files.path_bar.setText(str(folder))
    qtbot.keyClick(window.files.path_bar, Qt.Key.Key_Return)
    assert window.files.session.root == str(folder)
    window.files.path_bar.setText(str(tmp_path / "nowhere"))
    qtbot.keyClick(window.files.path_bar, Qt.Key.Key_Return)
    assert window.files.folder_banner.isVisible() and window.files.session.root == str(folder)
    other = tmp_path / "Dropped"
    other.mkdir()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(other))])
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    assert window.files.session.root == str(other) and drop.isAccepted()


def test_the_filter_matches_names_and_descriptions(qtbot, make_window, folder: Path) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    window.files.model.setData(
        window.files.model.index(window.files.model.row_of(str(folder / "meeting_notes.md")), DESCRIPTION),
        "minutes of the budget meeting")
    qtbot.keyClicks(window.files.search.box, "BUDGET minutes")
    qtbot.waitUntil(lambda: shown(window) == ["meeting_notes.md"])
    window.files.search.box.clear()
    qtbot.keyClicks(window.files.search.box, "photo")
    qtbot.waitUntil(lambda: shown(window) == ["holiday_photo.jpg"])
    window.files.search.box.clear()
    qtbot.waitUntil(lambda: len(shown(window)) == 3)


def test_search_by_meaning_ranks_descriptions(qtbot, make_window, folder: Path) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    for name, text in [("Invoice_2024-03.pdf", "a bill from the plumber to be paid"),
                       ("holiday_photo.jpg", "a picture of the beach in Lisbon"),
                       ("meeting_notes.md", "notes taken during the team meeting")]:
        window.files.model.setData(
            window.files.model.index(window.files.model.row_of(str(folder / name)), DESCRIPTION), text)
    window.files.search.meaning_action.trigger()
    qtbot.keyClicks(window.files.search.box, "invoices and payments")
    qtbot.keyClick(window.files.search.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(shown(window)) and shown(window)[0] == "Invoice_2024-03.pdf", timeout=20_000)
    assert "holiday_photo.jpg" not in shown(window)
    window.files.search.meaning_action.trigger()  # back to the word filter: the ranking is gone, the name order is back
    window.files.search.box.clear()
    qtbot.waitUntil(lambda: shown(window) == ["holiday_photo.jpg", "Invoice_2024-03.pdf", "meeting_notes.md"])


def test_descriptions_are_written_to_file_comments_when_asked(qtbot, make_window, folder: Path) -> None:
    (folder / "elsewhere").symlink_to(folder / "holiday_photo.jpg")
    window = make_window(folder)
    settle(qtbot, window)
    assert not any(COMMENT_ATTRIBUTE in os.listxattr(p) for p in folder.iterdir() if not p.is_symlink())
    window.apply_settings(AppSettings(**{**window.settings.__dict__, "write_comments": True}))
    invoice = folder / "Invoice_2024-03.pdf"
    qtbot.waitUntil(lambda: COMMENT_ATTRIBUTE in os.listxattr(invoice))
    assert os.getxattr(invoice, COMMENT_ATTRIBUTE).decode() == names_of(window)["Invoice_2024-03.pdf"].description
    window.files.model.setData(window.files.model.index(window.files.model.row_of(str(invoice)), DESCRIPTION),
                               "ACME, March")
    qtbot.waitUntil(lambda: os.getxattr(invoice, COMMENT_ATTRIBUTE) == b"ACME, March")
    settle(qtbot, window)
    assert names_of(window)["Invoice_2024-03.pdf"].description == "ACME, March"  # our own write changed nothing
