"""Uncaught exceptions in the app are logged with their traceback and shown in a dialog; Help > Open Log Folder."""
from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThread, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QPushButton

from core.logs import set_up_logging
from desktop_app.gui.error_report import ErrorReporter


@pytest.fixture()
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """The error dialogs shown (exec patched so none blocks) once an ErrorReporter is the process's hook."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # both hooks are restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    set_up_logging("gui")
    ErrorReporter().install()
    return shown


def raise_error(message: str) -> None:
    raise RuntimeError(message)


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_shown(qtbot, dialogs: list[QMessageBox], isolated_log_dir: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    button = QPushButton("Break")
    qtbot.addWidget(button)
    button.clicked.connect(lambda: raise_error("the slot broke"))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(dialogs) == 1)
    (box,) = dialogs
    log_file = isolated_log_dir / "gui.log"
    assert "RuntimeError: the slot broke" in box.informativeText()
    assert f"The details are in the log file {log_file}." in box.informativeText()
    assert 'raise RuntimeError(message)' in box.detailedText()
    logged = log_file.read_text(encoding="utf-8")
    assert "ERROR desktop_app.gui.error_report: uncaught exception" in logged
    assert "Traceback (most recent call last)" in logged and "RuntimeError: the slot broke" in logged
    assert capsys.readouterr().err.endswith("RuntimeError: the slot broke\n")  # on stderr too, as without the hook


@pytest.mark.qt_no_exception_capture
def test_exceptions_of_qt_and_python_threads_are_shown_on_the_gui_thread(qtbot, dialogs: list[QMessageBox],
                                                                          isolated_log_dir: Path) -> None:
    class Broken(QThread):
        def run(self) -> None:
            raise_error("the QThread broke")

    worker = Broken()
    worker.start()
    worker.wait()
    thread = threading.Thread(target=raise_error, args=("the thread broke",))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(dialogs) == 2)
    texts = [box.informativeText() for box in dialogs]
    assert "RuntimeError: the QThread broke" in texts[0] and "RuntimeError: the thread broke" in texts[1]
    logged = (isolated_log_dir / "gui.log").read_text(encoding="utf-8")
    assert "RuntimeError: the QThread broke" in logged and "RuntimeError: the thread broke" in logged


@pytest.mark.qt_no_exception_capture
def test_one_dialog_at_a_time_every_exception_logged(qtbot, monkeypatch: pytest.MonkeyPatch,
                                                     dialogs: list[QMessageBox], isolated_log_dir: Path) -> None:
    def exec_while_it_breaks_again(box: QMessageBox) -> int:
        dialogs.append(box)
        if len(dialogs) == 1:
            button.click()  # a second error while the dialog is open: logged, no second dialog
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_while_it_breaks_again)
    button = QPushButton()
    qtbot.addWidget(button)
    button.clicked.connect(lambda: raise_error("again"))
    button.click()
    qtbot.waitUntil(lambda: len(dialogs) == 1)
    qtbot.wait(50)
    assert len(dialogs) == 1
    assert (isolated_log_dir / "gui.log").read_text(encoding="utf-8").count("RuntimeError: again") == 2


def test_help_opens_the_log_folder(qtbot, make_window, monkeypatch: pytest.MonkeyPatch,
                                   isolated_log_dir: Path) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window = make_window()
    (help_menu,) = [action.menu() for action in window.menuBar().actions() if action.text() == "&Help"]
    (action,) = [action for action in help_menu.actions() if action.text() == "Open Log Folder"]
    action.trigger()
    assert [url.toLocalFile() for url in opened] == [str(isolated_log_dir)] and isolated_log_dir.is_dir()


@pytest.mark.qt_no_exception_capture
def test_offscreen_the_exception_is_logged_without_a_dialog(qtbot, dialogs: list[QMessageBox],
                                                            isolated_log_dir: Path) -> None:
    ErrorReporter(dialogs=False).install()  # what the app does on the offscreen platform: nobody could close one
    button = QPushButton()
    qtbot.addWidget(button)
    button.clicked.connect(lambda: raise_error("unseen"))
    button.click()
    qtbot.wait(50)
    assert dialogs == [] and "RuntimeError: unseen" in (isolated_log_dir / "gui.log").read_text(encoding="utf-8")
