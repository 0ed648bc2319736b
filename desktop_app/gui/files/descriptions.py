"""What happens to the rows' descriptions: shown as they arrive (and copied to the files' comments when the
settings ask), corrected or reverted by the user (stored on the store thread), described again."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from core.describe.states import CORRECTED, DESCRIBED, WAITING, DescriptionState
from core.files.comments import write_comments
from core.store import Correction
from desktop_app.gui.files.feed import DescriptionFeed, Files
from desktop_app.gui.files.table_model import FileTableModel
from desktop_app.gui.files.undo import Change, CorrectionCommand
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.tasks import TaskRunner
from desktop_app.gui.text_format import printable


class Descriptions(QObject):
    """Between the table model and the description feed: every change of a row's description goes through here."""

    message = Signal(str, int)  # for the status bar: the text and how long it shows (ms)

    def __init__(self, model: FileTableModel, feed: DescriptionFeed, file_tasks: TaskRunner,
                 settings: Callable[[], AppSettings], parent: QWidget) -> None:
        super().__init__(parent)
        self.model, self.feed, self.file_tasks, self.settings = model, feed, file_tasks, settings
        self._dialog_parent = parent
        self.undo_stack = QUndoStack(self)  # corrections and reverts; cleared when another folder opens
        model.edited.connect(self.save)
        feed.described.connect(self.show)
        feed.failed.connect(model.set_failed)

    def show(self, found: list[tuple[str, str, DescriptionState]]) -> None:
        """Descriptions found (path, text, source): shown, and written to the file comments if asked."""
        self.model.set_descriptions(found)
        if self.settings().write_comments:
            self.write_comments([(path, text) for path, text, _ in found])

    def write_all_comments(self) -> None:
        """Copy every description shown to its file's comment (the setting was just turned on)."""
        self.write_comments([(r.entry.path, r.description) for r in map(self.model.row_at, range(self.model.rowCount()))
                             if r.state in DESCRIBED])

    def write_comments(self, pairs: list[tuple[str, str]]) -> None:
        """Copy descriptions to the files' comment attribute on the file thread; errors are only reported."""
        files = {row.entry.path for row in map(self.model.row_at, self._rows_of(p for p, _ in pairs))
                 if row.entry.kind == "file"}
        pairs = [(path, text) for path, text in pairs if path in files and text]
        if pairs:
            self.file_tasks.run(lambda: write_comments(pairs), self._comments_written)

    def _comments_written(self, errors: list[str]) -> None:
        if errors:
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            self.message.emit(f"Could not write the file comment of {errors[0]}{more}", 10000)

    def _rows_of(self, paths: Iterable[str]) -> list[int]:
        return [n for n in map(self.model.row_of, paths) if n is not None]

    def save(self, path: str, filename: str, text: str) -> None:
        """The user edited a description: stored at once; an emptied one goes back to the model's. Undoable."""
        number = self.model.row_of(path)
        if number is None:
            return
        before = self._correction_of(number)
        if (text or None) != before:
            self._push("Correction" if text else "Revert", [Change(path, filename, before, text or None)])

    def revert(self, files: Files) -> None:
        """Forget the user's descriptions of these (path, filename) pairs; the model's come back. Undoable."""
        changes = [Change(path, filename, self._correction_of(number), None) for path, filename in files
                   if (number := self.model.row_of(path)) is not None]
        changes = [change for change in changes if change.before is not None]
        if changes:
            self._push("Revert", changes)

    def _correction_of(self, number: int) -> str | None:
        """The user's description that row `number` shows (None when it shows the model's, or none yet)."""
        row = self.model.row_at(number)
        return row.description if row.state == CORRECTED else None

    def _push(self, verb: str, changes: list[Change]) -> None:
        """Make the changes through the undo stack, named for its Undo and Redo actions."""
        what = printable(changes[0].filename) if len(changes) == 1 else f"{len(changes)} descriptions"
        self.undo_stack.push(CorrectionCommand(f"{verb} of {what}", changes, self.apply_correction))

    def apply_correction(self, path: str, filename: str, text: str | None) -> None:
        """The one way a row's correction changes: `text` stored, or for None forgotten (the model's comes back),
        on the store thread. Nothing happens for a file no longer listed."""
        if self.model.row_of(path) is None:
            return
        if text is None:
            self.model.set_waiting([path])
            self.feed.save_correction(path, filename, None, self._watched(),
                                      lambda changed: self._reverted([(path, filename)], changed),
                                      lambda message: self._save_failed(path, filename, message))
            return
        self.show([(path, text, CORRECTED)])
        self.feed.save_correction(path, filename, text, self._watched(), lambda changed: self._saved(filename, changed),
                                  lambda message: self._save_failed(path, filename, message))

    def _watched(self) -> Files:
        """The rows a correction may change (new neighbours in their model input): those the model describes."""
        return self.model.files(lambda row: row.state not in (CORRECTED, WAITING))

    def _saved(self, filename: str, changed: Files) -> None:
        """The correction is on disk: only now does the status bar say it is saved."""
        self.message.emit(f"Saved your description of {printable(filename)}", 4000)
        self._recheck(changed)

    def _recheck(self, changed: Files) -> None:
        """The files whose model input the correction changed: their descriptions are found again."""
        if changed:
            self.feed.request(changed)

    def _save_failed(self, path: str, filename: str, message: str) -> None:
        self.model.set_waiting([path])
        self.feed.request([(path, filename)], urgent=True)
        QMessageBox.warning(self._dialog_parent, "Description not saved", f"Your description of "
                            f"{printable(filename)} could not be saved:\n{message}")

    def _reverted(self, files: Files, changed: Files) -> None:
        self.feed.request(files, urgent=True)
        self._recheck(changed)

    def delete_corrections(self, corrections: Sequence[Correction], done: Callable[[], None]) -> None:
        """Forget corrections chosen in the corrections view; the listed files among them are described again.
        `done()` follows, whether or not they could be deleted."""
        files = [(c.path, self.model.row_at(number).entry.name) for c in corrections
                 if c.path is not None and (number := self.model.row_of(c.path)) is not None]
        self.model.set_waiting(path for path, _ in files)

        def deleted(changed: Files) -> None:
            self._reverted(files, changed)
            done()

        def failed(message: str) -> None:
            self.feed.request(files, urgent=True)
            QMessageBox.warning(self._dialog_parent, "Corrections not deleted",
                                f"Your corrections could not be deleted:\n{message}")
            done()

        self.feed.delete_corrections(corrections, self._watched(), deleted, failed)

    def regenerate(self, files: Files) -> None:
        """Run the model again for these (path, filename) pairs, whatever the cache holds."""
        self.model.set_waiting(path for path, _ in files)
        self.feed.regenerate(files)

    def look_up_again(self) -> None:
        """Another model is loaded: every description the user did not write is looked up again."""
        files = self.model.files(lambda row: row.state != CORRECTED)
        self.model.set_waiting(path for path, _ in files)
        self.feed.request(files)
