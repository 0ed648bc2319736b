"""Icons: the desktop's icons for file types (looked up by name only, never by content), from the freedesktop icon
theme where there is one and from the platform (QFileIconProvider: Windows, macOS, a Linux without a theme)
elsewhere; and the small marks drawn for row states (corrected, failed) so that they look the same on every desktop.
"""
from __future__ import annotations

import os
import tempfile

from PySide6.QtCore import QFileInfo, QMimeDatabase, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QFileIconProvider, QStyle

from core.describe.file_types import type_comment, unnumbered
from desktop_app.gui.colors import StateColors
from desktop_app.gui.platforms import free_desktop
from resources import APP_ICON

ICON_DIRS = ("/usr/share/icons", "/usr/local/share/icons", os.path.expanduser("~/.local/share/icons"))
# The platform is asked for a file of that name in a folder that does not exist: the icon of the name's type
# (Windows looks it up by extension), never one read from a real file.
NOWHERE = os.path.join(tempfile.gettempdir(), "filescribe-icons-by-name-only")


def app_icon() -> QIcon:
    """FileScribe's own icon (resources/icons/filescribe.svg): the windows' and the desktop menu's."""
    return QIcon(str(APP_ICON))


def use_system_icon_theme() -> None:
    """Without a desktop session (offscreen, bare X) Qt knows no icon theme: on a free desktop use the installed
    Adwaita/breeze/hicolor."""
    if not free_desktop() or (QIcon.themeName() and QIcon.themeName() != "hicolor"):
        return
    QIcon.setThemeSearchPaths([*QIcon.themeSearchPaths(), *(d for d in ICON_DIRS if os.path.isdir(d))])
    for theme in ("Adwaita", "breeze", "hicolor"):
        if any(os.path.isdir(os.path.join(d, theme)) for d in ICON_DIRS):
            QIcon.setThemeName(theme)
            return


def has_icon_theme() -> bool:
    """True on a free desktop whose freedesktop icon theme Qt found (one with the generic file icon)."""
    return free_desktop() and bool(QIcon.themeName()) and QIcon.hasThemeIcon("text-x-generic")


def platform_file_icon(provider: QFileIconProvider, name: str) -> QIcon:
    """The platform's icon for a file called `name` (by name only), else the style's file icon."""
    icon = provider.icon(QFileInfo(os.path.join(NOWHERE, name)))
    return icon if not icon.isNull() else QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)


def themed(names: tuple[str, ...], fallback: QStyle.StandardPixmap) -> QIcon:
    """The first of `names` the icon theme has, else a standard icon of the style."""
    for name in names:
        if name and QIcon.hasThemeIcon(name):
            return QIcon.fromTheme(name)
    return QApplication.style().standardIcon(fallback)


class FileTypes:
    """Type names and icons by file name (MIME globs, no content is read), cached."""

    def __init__(self) -> None:
        self._provider = None if has_icon_theme() else QFileIconProvider()
        self._mime = QMimeDatabase()
        self._by_name: dict[str, tuple[str, str]] = {}
        self._icons: dict[str, QIcon] = {}

    def _mime_of(self, name: str) -> tuple[str, str]:
        """(type name, MIME name) of a file name: the type name is the one the model's input states
        (core.describe.file_types), Qt's MIME name picks the icon."""
        found = self._by_name.get(name)
        if found is None:
            mime = self._mime.mimeTypeForFile(unnumbered(name), QMimeDatabase.MatchMode.MatchExtension)
            comment = type_comment(name)
            label = "File" if comment is None else comment[:1].upper() + comment[1:]
            found = self._by_name[name] = (label, mime.name())
        return found

    def type_name(self, name: str, kind: str) -> str:
        """What the Type column says."""
        if kind == "link":
            return "Link"
        if kind == "special":
            return "Special file"
        return self._mime_of(name)[0]

    def icon(self, name: str, kind: str) -> QIcon:
        """The icon for the file's type."""
        key = kind if kind != "file" else self._mime_of(name)[1]
        icon = self._icons.get(key)
        if icon is None:
            icon = self._icons[key] = self._load_icon(name, kind)
        return icon

    def _load_icon(self, name: str, kind: str) -> QIcon:
        if kind == "link":
            return themed(("inode-symlink", "emblem-symbolic-link"), QStyle.StandardPixmap.SP_FileLinkIcon)
        if kind == "special":
            return themed(("inode-fifo", "application-x-generic"), QStyle.StandardPixmap.SP_FileIcon)
        if self._provider is not None:
            return platform_file_icon(self._provider, name)
        mime = self._mime.mimeTypeForName(self._mime_of(name)[1])
        return themed((mime.iconName(), mime.genericIconName(), "text-x-generic"), QStyle.StandardPixmap.SP_FileIcon)


def glyph_icon(glyph: str, color: QColor, size: int = 16) -> QIcon:
    """A one-character mark in `color`, drawn at 1x and 2x."""
    icon = QIcon()
    for scale in (1, 2):
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont()
        font.setPixelSize(int(size * scale * 0.85))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(color)
        painter.drawText(QRectF(0, 0, size * scale, size * scale), Qt.AlignmentFlag.AlignCenter, glyph)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        icon.addPixmap(pixmap)
    return icon


class StateMarks:
    """The marks of the description column: a pen for the user's corrections, a warning for failures."""

    def __init__(self, colors: StateColors) -> None:
        self.corrected = glyph_icon("\u270e", colors.corrected)
        self.failed = glyph_icon("\u26a0", colors.failed)
