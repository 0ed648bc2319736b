"""Undo and redo of the user's corrections and reverts: each is a command on the Files tab's QUndoStack."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from PySide6.QtGui import QUndoCommand


class Change(NamedTuple):
    """One file's correction before and after (None: no correction, the model's description shows)."""

    path: str
    filename: str
    before: str | None
    after: str | None


Write = Callable[[str, str, "str | None"], None]  # (path, filename, correction or None): store or forget it


class CorrectionCommand(QUndoCommand):
    """Corrections of one or more files changed at once; undo writes back what each had before."""

    def __init__(self, text: str, changes: Sequence[Change], write: Write) -> None:
        super().__init__(text)
        self.changes, self._write = list(changes), write

    def redo(self) -> None:
        """Run on push too: the change is made by the command."""
        for change in self.changes:
            self._write(change.path, change.filename, change.after)

    def undo(self) -> None:
        """Give each file back the correction it had, or the model's description."""
        for change in self.changes:
            self._write(change.path, change.filename, change.before)
