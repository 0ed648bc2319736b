"""Handing files to the desktop: open with the default application, or show in the file manager.

The app itself never opens a file: the desktop's handler does, when the user asks for it. Programs are started
directly, never through a shell.
"""
from __future__ import annotations

import ntpath
import os
import sys

from PySide6.QtCore import QProcess, QUrl
from PySide6.QtGui import QDesktopServices

from desktop_app.gui.platforms import free_desktop


def open_with_desktop(path: str) -> bool:
    """Ask the desktop to open `path` with its default application."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def file_manager_command(path: str) -> list[str]:
    """The program and arguments that show `path` in the platform's file manager: Explorer and Finder select it,
    elsewhere xdg-open opens its folder."""
    if sys.platform == "win32":
        return ["explorer", "/select,", ntpath.normpath(path)]
    if sys.platform == "darwin":
        return ["open", "-R", path]
    return ["xdg-open", os.path.dirname(path)]


def show_in_file_manager(path: str) -> bool:
    """Select `path` in the file manager (on a free desktop through FileManager1 over D-Bus first)."""
    if free_desktop() and select_over_dbus(path):
        return True
    program, *arguments = file_manager_command(path)
    started, _pid = QProcess.startDetached(program, arguments)
    return started


def select_over_dbus(path: str) -> bool:
    """Ask the freedesktop FileManager1 service to select `path`; False without a session bus or that service."""
    try:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface
    except ImportError:  # a build without D-Bus
        return False
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return False
    manager = QDBusInterface("org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                             "org.freedesktop.FileManager1", bus)
    return manager.isValid() and not manager.call("ShowItems", [QUrl.fromLocalFile(path).toString()], "").errorName()
