"""Handing files to the desktop: open with the default application, or show in the file manager.

The app itself never opens a file: the desktop's handler does, when the user asks for it.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_with_desktop(path: str) -> bool:
    """Ask the desktop to open `path` with its default application."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def show_in_file_manager(path: str) -> bool:
    """Select `path` in the file manager (freedesktop FileManager1 over D-Bus), else open its folder."""
    try:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface
    except ImportError:
        QDBusConnection = None  # a build without D-Bus: fall back to the folder
    if QDBusConnection is not None and QDBusConnection.sessionBus().isConnected():
        manager = QDBusInterface("org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                                 "org.freedesktop.FileManager1", QDBusConnection.sessionBus())
        if manager.isValid():
            reply = manager.call("ShowItems", [QUrl.fromLocalFile(path).toString()], "")
            if not reply.errorName():
                return True
    return QDesktopServices.openUrl(QUrl.fromLocalFile(os.path.dirname(path)))
