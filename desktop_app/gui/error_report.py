"""Uncaught exceptions in the app, logged with their traceback and shown in a dialog instead of being lost; and
Help > Open Log Folder."""
from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from core.logs import current_log_file, default_log_dir

log = logging.getLogger(__name__)


class ErrorReporter(QObject):
    """Replaces sys.excepthook and threading.excepthook: an uncaught exception (in a slot, a Qt or Python thread)
    is logged at once and shown in a dialog on the GUI thread, one dialog at a time."""

    _report = Signal(str, str)  # the message and the traceback; queued to the GUI thread from other threads

    def __init__(self, parent: QObject | None = None, *, dialogs: bool = True) -> None:
        super().__init__(parent)
        self._report.connect(self._show)
        self.dialogs = dialogs  # False where nobody could close one (offscreen): the log and stderr only
        self._showing = False

    def install(self) -> None:
        """Become the process's hook for uncaught exceptions, in the main thread and in every other."""
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def excepthook(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        """Print the traceback on stderr as Python does, log it and ask for the dialog (not for Ctrl-C)."""
        sys.__excepthook__(kind, error, trace)
        if issubclass(kind, KeyboardInterrupt):
            return
        log.error("uncaught exception", exc_info=(kind, error, trace))
        if self.dialogs:
            self._report.emit(f"{kind.__name__}: {error}", "".join(traceback.format_exception(kind, error, trace)))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        """threading.excepthook: the same for an exception that ends a Python thread."""
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, message: str, details: str) -> None:
        if self._showing:  # the dialog already open says where the log is; the others are in it too
            return
        self._showing = True
        try:
            error_dialog(message, details).exec()
        finally:
            self._showing = False


def error_dialog(message: str, details: str) -> QMessageBox:
    """The dialog of an unexpected error: what it was, where the log is, the traceback behind Show Details."""
    where = current_log_file()
    box = QMessageBox(QMessageBox.Icon.Critical, "FileScribe: unexpected error",
                      "Something went wrong that FileScribe did not expect. The app goes on, but the last action "
                      "may not have finished.", QMessageBox.StandardButton.Ok, QApplication.activeWindow())
    box.setInformativeText(f"{message}\n\n" + (f"The details are in the log file {where}." if where is not None
                                               else "No log file could be written."))
    box.setDetailedText(details)
    return box


def open_log_folder() -> None:
    """Show the folder of this process's log file (else the default one, created) in the file manager."""
    written = current_log_file()
    folder = written.parent if written is not None else default_log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def open_log_folder_action(parent: QWidget) -> QAction:
    """Help > Open Log Folder."""
    action = QAction("Open Log Folder", parent)
    action.setToolTip("Show the folder of FileScribe's log files, to read them or to attach them to a report")
    action.triggered.connect(open_log_folder)
    return action
