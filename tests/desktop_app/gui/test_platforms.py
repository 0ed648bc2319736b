"""The desktop app where Unix-only pieces are missing, simulated on Linux: no fcntl, no extended attributes, and
sys.platform saying Windows or macOS (icons from QFileIconProvider, Explorer and Finder, no file comments)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QFileIconProvider, QLabel, QTableView

from desktop_app.gui.files import desktop_integration
from desktop_app.gui.files.desktop_integration import file_manager_command, show_in_file_manager
from desktop_app.gui.files.table_model import NAME
from desktop_app.gui.icons import FileTypes, has_icon_theme, use_system_icon_theme
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.settings_dialog import SettingsDialog
from desktop_app.gui.single_instance import LOCK_FILENAME
from tests.desktop_app.helpers import names_of, settle

ROOT = Path(__file__).parents[3]
WITHOUT_UNIX_APIS = ("import os, sys\n"
                     "sys.modules['fcntl'] = None  # import fcntl fails, as on Windows\n"
                     "for name in ('setxattr', 'getxattr', 'listxattr', 'removexattr'):\n"
                     "    delattr(os, name)  # as on Windows and macOS\n"
                     "from desktop_app.cli.main import main\n"
                     "sys.exit(main())")
EXPECTED_COMMANDS = {"win32": ["explorer", "/select,", r"C:\Users\me\Documents\report.pdf"],
                     "darwin": ["open", "-R", "/Users/me/Documents/report.pdf"],
                     "linux": ["xdg-open", "/home/me/Documents"]}


@pytest.fixture()
def started(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Programs the app starts detached (recorded, not run)."""
    commands: list[list[str]] = []
    monkeypatch.setattr(QProcess, "startDetached", lambda program, arguments: (
        commands.append([program, *arguments]), (True, 1))[1])
    return commands


def test_the_app_starts_and_locks_without_fcntl_or_extended_attributes(
        folder: Path, tiny_model_dir: Path, tmp_path: Path, isolated_data_dir: Path) -> None:
    shot = tmp_path / "window.png"
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_UNIX_APIS, "gui", str(folder), "--model", str(tiny_model_dir), "--device", "cpu",
         "--no-memory", "--screenshot", str(shot), "--size", "900x500", "--timeout", "120"],
        cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert shot.is_file() and (isolated_data_dir / "settings.json").is_file()
    assert not (isolated_data_dir / LOCK_FILENAME).exists()  # held while it ran, given up at the end


@pytest.mark.parametrize("platform", sorted(EXPECTED_COMMANDS))
def test_the_file_manager_of_each_platform(monkeypatch: pytest.MonkeyPatch, platform: str) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    path = {"win32": "C:/Users/me/Documents/report.pdf", "darwin": "/Users/me/Documents/report.pdf",
            "linux": "/home/me/Documents/report.pdf"}[platform]
    assert file_manager_command(path) == EXPECTED_COMMANDS[platform]


def test_linux_tries_d_bus_first_then_xdg_open(monkeypatch: pytest.MonkeyPatch, started: list[list[str]]) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    asked: list[str] = []
    monkeypatch.setattr(desktop_integration, "select_over_dbus", lambda path: asked.append(path) or False)
    assert show_in_file_manager("/home/me/Documents/report.pdf")
    assert asked == ["/home/me/Documents/report.pdf"] and started == [EXPECTED_COMMANDS["linux"]]
    monkeypatch.setattr(desktop_integration, "select_over_dbus", lambda path: True)
    assert show_in_file_manager("/home/me/Documents/report.pdf") and len(started) == 1  # the file manager took it


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_the_window_follows_the_platform(qtbot, make_window, folder: Path, monkeypatch: pytest.MonkeyPatch,
                                         started: list[list[str]], platform: str) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.delattr(os, "setxattr")
    monkeypatch.setattr(desktop_integration, "select_over_dbus", lambda path: pytest.fail("D-Bus asked"))
    looked_up: list[str] = []
    platform_icon = QFileIconProvider.icon
    monkeypatch.setattr(QFileIconProvider, "icon", lambda provider, info: (
        looked_up.append(info.filePath()), platform_icon(provider, info))[1])
    window = make_window(folder)
    settle(qtbot, window)
    # File icons come from the platform, asked by name only: never for a path that exists.
    qtbot.waitUntil(lambda: len(looked_up) == len(names_of(window)) == 3)  # three types, one look-up each
    assert sorted(os.path.basename(path) for path in looked_up) == sorted(names_of(window))
    assert not any(os.path.exists(path) for path in looked_up)
    # Show in File Manager starts Explorer or Finder on the selected file.
    (table,) = [view for view in window.findChildren(QTableView) if view.isVisible() and view.model().rowCount() == 3]
    table.selectRow(0)
    selected = folder / table.model().index(0, NAME).data()
    next(action for action in window.findChildren(QAction) if action.text() == "Show in File Manager").trigger()
    assert started == [file_manager_command(str(selected))]
    assert started[0][0] == {"win32": "explorer", "darwin": "open"}[platform]
    # File comments are not offered, and the dialog says why.
    dialog = SettingsDialog(window.settings, window)
    assert not dialog.write_comments.isEnabled()
    notes = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Not available: file comments are not supported on this system (it offers no extended file attributes)." \
        in notes


def test_icons_come_from_the_theme_on_a_free_desktop_with_one(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    use_system_icon_theme()  # Adwaita is installed on this machine
    looked_up: list[str] = []
    monkeypatch.setattr(QFileIconProvider, "icon", lambda provider, info: looked_up.append(info.filePath()) or QIcon())
    assert has_icon_theme()
    assert FileTypes().icon("notes.txt", "file").name() == "text-x-generic" and looked_up == []
    monkeypatch.setattr(QIcon, "themeName", staticmethod(lambda: ""))  # a Linux without any icon theme
    assert not has_icon_theme()
    icon = FileTypes().icon("notes.txt", "file")
    assert [os.path.basename(path) for path in looked_up] == ["notes.txt"] and not os.path.exists(looked_up[0])
    assert not icon.isNull()  # the platform had none (offscreen): the style's file icon


def test_comments_stay_offered_on_linux(qtbot, folder: Path) -> None:
    dialog = SettingsDialog(AppSettings(recent_folders=[str(folder)]))
    qtbot.addWidget(dialog)
    assert dialog.write_comments.isEnabled()
