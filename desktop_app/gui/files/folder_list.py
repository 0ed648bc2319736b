"""The list of the folders inside the open one, beside the file table."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QWidget

from core.files.folder_listing import Subfolder
from desktop_app.gui.icons import themed
from desktop_app.gui.text_format import printable


class FolderList(QListWidget):
    """The folders inside the open one; a click enters one."""

    entered = Signal(object)  # a path (not str: that would cut a name that is not UTF-8)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Folders")
        self._icon: QIcon = themed(("folder",), QStyle.StandardPixmap.SP_DirIcon)
        self._paths: list[str] = []  # by row: Qt's item data would mangle paths that are not UTF-8
        self.itemClicked.connect(self._enter)
        self.itemActivated.connect(self._enter)

    def set_folders(self, folders: Sequence[Subfolder]) -> None:
        self.clear()
        self._paths = [folder.path for folder in folders]
        for folder in folders:
            item = QListWidgetItem(self._icon, printable(folder.name))
            item.setToolTip(f"Open {printable(folder.name)}")
            self.addItem(item)
        if not folders:
            item = QListWidgetItem("No folders inside")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(item)

    def _enter(self, item: QListWidgetItem) -> None:
        row = self.row(item)
        if 0 <= row < len(self._paths):
            self.entered.emit(self._paths[row])
