"""What the user can do to the selected rows (edit, open, show in the file manager, copy, regenerate, revert),
undo and redo of corrections, and the menu a right-click on a row opens."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, QPoint, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QStyle

from core.describe.states import CORRECTED, DESCRIBED
from desktop_app.gui import shortcuts
from desktop_app.gui.actions import make_action, set_shortcut
from desktop_app.gui.files.descriptions import Descriptions
from desktop_app.gui.files.desktop_integration import open_with_desktop, show_in_file_manager
from desktop_app.gui.files.table_model import Row
from desktop_app.gui.files.view import FileTable
from desktop_app.gui.icons import themed
from desktop_app.gui.text_format import printable


class RowActions(QObject):
    """The row actions and the row menu; `update` enables what applies to the selection."""

    message = Signal(str, int)  # for the status bar: the text and how long it shows (ms)

    def __init__(self, table: FileTable, descriptions: Descriptions, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table, self.descriptions = table, descriptions
        sp = QStyle.StandardPixmap
        self.edit = make_action(self, "Edit Description", table.edit_current, shortcuts.EDIT)
        self.open_file = make_action(self, "Open File", self.open_selected, shortcuts.OPEN_FILE, ("document-open",),
                                     sp.SP_FileIcon)
        self.reveal = make_action(self, "Show in File Manager", self.reveal_selected, shortcuts.REVEAL,
                                  ("system-file-manager", "folder"), sp.SP_DirIcon)
        self.copy = make_action(self, "Copy Description", self.copy_selected, shortcuts.COPY,
                                ("edit-copy",), sp.SP_FileDialogContentsView)
        self.regenerate = make_action(self, "Regenerate", self.regenerate_selected, shortcuts.REGENERATE,
                                      ("view-refresh",), sp.SP_BrowserReload)
        self.revert = make_action(self, "Revert to Generated", self.revert_selected, None, ("edit-undo",),
                                  sp.SP_ArrowBack)
        self.undo = self._stack_action(descriptions.undo_stack.createUndoAction(self, "Undo"),
                                       shortcuts.UNDO, "edit-undo", sp.SP_ArrowBack)
        self.redo = self._stack_action(descriptions.undo_stack.createRedoAction(self, "Redo"),
                                       shortcuts.REDO, "edit-redo", sp.SP_ArrowForward)
        self.menu = QMenu(table)
        self.menu.addActions([self.edit, self.open_file, self.reveal, self.copy])
        self.menu.addSeparator()
        self.menu.addActions([self.regenerate, self.revert])
        table.customContextMenuRequested.connect(self._popup)

    @staticmethod
    def _stack_action(action: QAction, shortcut: shortcuts.Shortcut, icon: str,
                      fallback: QStyle.StandardPixmap) -> QAction:
        """Undo or Redo of the undo stack (its text names the command) with the platform's shortcuts and an icon."""
        set_shortcut(action, shortcut)
        action.setIcon(themed((icon,), fallback))
        return action

    def actions(self) -> list[QAction]:
        """Every row action, in menu order, then Undo and Redo."""
        return [self.edit, self.open_file, self.reveal, self.copy, self.regenerate, self.revert, self.undo, self.redo]

    def update(self, rows: list[Row], has_folder: bool, engine_loaded: bool) -> None:
        """Enable the actions that apply to `rows` (the selection)."""
        for action in (self.edit, self.open_file, self.reveal):
            action.setEnabled(has_folder and len(rows) == 1)
        self.copy.setEnabled(any(row.state in DESCRIBED for row in rows))
        self.regenerate.setEnabled(engine_loaded and any(row.state != CORRECTED for row in rows))
        self.revert.setEnabled(any(row.state == CORRECTED for row in rows))

    def _popup(self, position: QPoint) -> None:
        """A right-click selects the row under it (unless it is selected already) and opens the row menu."""
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        if not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.menu.popup(self.table.rows_area.mapToGlobal(position))

    def open_selected(self) -> None:
        for row in self.table.selected_rows()[:1]:
            if not open_with_desktop(row.entry.path):
                self.message.emit(f"No application opens {printable(row.entry.name)}", 6000)

    def reveal_selected(self) -> None:
        for row in self.table.selected_rows()[:1]:
            show_in_file_manager(row.entry.path)

    def copy_selected(self) -> None:
        texts = [row.description for row in self.table.selected_rows() if row.state in DESCRIBED]
        if texts:
            QGuiApplication.clipboard().setText("\n".join(texts))
            self.message.emit("Description copied" if len(texts) == 1 else f"{len(texts)} descriptions copied", 3000)

    def regenerate_selected(self) -> None:
        self.descriptions.regenerate([(r.entry.path, r.entry.name) for r in self.table.selected_rows()
                                      if r.state != CORRECTED])

    def revert_selected(self) -> None:
        self.descriptions.revert([(r.entry.path, r.entry.name) for r in self.table.selected_rows()
                                  if r.state == CORRECTED])
