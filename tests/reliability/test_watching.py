"""Watching: the open folder deleted, moved away or replaced by a file; the inotify watch limit reached
(a clear message once, and the folder polled instead)."""
from __future__ import annotations

import errno
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton
from watchdog.observers import Observer

from desktop_app.gui.settings import AppSettings, save_settings
from tests.desktop_app.helpers import LIVE_TIMEOUT_MS, described, settle
from tests.reliability.conftest import AppProcess, gui_options

WATCH_LIMIT = 4  # the root and three subfolders, in a tree of twelve


def test_the_open_folder_deleted_shows_a_banner(qtbot, make_window, folder: Path) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    shutil.rmtree(folder)
    qtbot.waitUntil(window.files.folder_banner.isVisible, timeout=LIVE_TIMEOUT_MS)
    assert "no longer available" in window.files.folder_banner.label.text()
    assert window.files.model.rowCount() == 0
    assert not window.files.row_actions.edit.isEnabled()


def test_the_open_folder_moved_away_shows_a_banner(qtbot, make_window, folder: Path) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    folder.rename(folder.with_name("Archive"))  # inotify says nothing: the periodic check notices
    qtbot.waitUntil(window.files.folder_banner.isVisible, timeout=LIVE_TIMEOUT_MS)
    offers = [button.text() for button in window.files.folder_banner.findChildren(QPushButton)]
    assert offers == ["Open Another Folder…", f"Open “{folder.parent.name}”"]
    assert window.files.model.rowCount() == 0
    window.files.folder_banner.findChildren(QPushButton)[1].click()
    assert window.files.session.root == str(folder.parent) and not window.files.folder_banner.isVisible()


def test_the_open_folder_replaced_by_a_file_shows_a_banner(qtbot, make_window, folder: Path) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    shutil.rmtree(folder)
    folder.write_text("a file where the folder was")
    qtbot.waitUntil(window.files.folder_banner.isVisible, timeout=LIVE_TIMEOUT_MS)
    assert "no longer available (Not a directory)" in window.files.folder_banner.label.text()
    assert window.files.model.rowCount() == 0 and not window.files.row_actions.edit.isEnabled()
    window.files.refresh()  # asking again is answered, not crashed on
    assert "is not a folder that can be opened" in window.files.folder_banner.label.text()


class LimitedObserver(Observer):
    """An inotify observer on a system whose watch limit is reached."""

    def schedule(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "inotify watch limit reached")


def test_the_inotify_limit_falls_back_to_polling_and_says_so_once(qtbot, make_window, folder: Path) -> None:
    window = make_window(folder, observer_class=LimitedObserver)
    settle(qtbot, window)
    assert window.files.session.polling and window.files.info_banner.isVisible()
    assert "inotify" in window.files.info_banner.label.text()
    (folder / "polled.txt").write_text("x")
    qtbot.waitUntil(lambda: described(window, "polled.txt"), timeout=LIVE_TIMEOUT_MS)
    window.files.info_banner.hide()
    os.mkdir(folder / "other")
    window.open_folder(str(folder / "other"))
    settle(qtbot, window)
    assert window.files.session.polling and not window.files.info_banner.isVisible()


def watch_limit_prefix(watches: int) -> list[str]:
    """Run a command in a user namespace of its own whose inotify watch limit is `watches` (no root needed)."""
    script = f'echo {watches} > /proc/sys/user/max_inotify_watches && exec "$@"'
    return ["unshare", "--user", "--map-root-user", "sh", "-c", script, "watch-limit"]


def test_a_tree_beyond_the_real_watch_limit_is_polled(tmp_path: Path, tiny_model_dir: Path) -> None:
    if subprocess.run([*watch_limit_prefix(WATCH_LIMIT), "true"], capture_output=True).returncode != 0:
        pytest.skip("no user namespaces here to lower the inotify watch limit in")
    root = tmp_path / "project"
    for number in range(12):
        (root / f"part-{number:02}").mkdir(parents=True)
        (root / f"part-{number:02}" / "index.md").write_text("x")
    save_settings(AppSettings(recursive=True))
    late = [["file", f"part-{number:02}/late.txt", ""] for number in range(12)]  # most parts are beyond the limit
    app = AppProcess("report", {"then": late}, gui_options(root, tiny_model_dir),
                     prefix=watch_limit_prefix(WATCH_LIMIT))
    found = app.event("report")
    assert app.exit_code() == 0
    assert found["polling"] and "limit of inotify watches is reached" in found["banners"]["info_banner"]
    assert len(found["rows"]) == 24
