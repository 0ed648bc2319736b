"""A command in a child process (QProcess): stdout progress events and log lines reach the window by signal,
the child runs at a background priority, and stopping it asks it to cancel (its cancel file, which it polls, on
every platform) before it is terminated and then killed.
"""
from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

from desktop_app.gui.files.worker import BACKGROUND_NICENESS
from desktop_app.gui.training.plan import parse_event

TERMINATE_AFTER_MS = 10_000  # the child polls its cancel file every 0.2 s: still running after this, it gets SIGTERM
KILL_AFTER_MS = 60_000  # and after this it is killed (a run's half-built folder is removed when its end is recorded)


def stop_steps(requested: bool) -> list[tuple[int, str]]:
    """How stopping a child escalates after the cancel request: (milliseconds, QProcess method) pairs. terminate is
    SIGTERM on Unix but nothing a console process notices on Windows, so there only kill follows the request."""
    steps = [] if sys.platform == "win32" else [(TERMINATE_AFTER_MS if requested else 0, "terminate")]
    return [*steps, (KILL_AFTER_MS, "kill")]


class ChildProcess(QObject):
    """Runs one command at a time; `ended(exit_code, crashed)` follows every start, even a failed one."""

    event = Signal(object)  # a --progress-jsonl event (dict)
    output = Signal(str)  # any other line of stdout or stderr
    ended = Signal(int, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._process: QProcess | None = None
        self._cancel_file: Path | None = None
        self._partial = {QProcess.ProcessChannel.StandardOutput: b"", QProcess.ProcessChannel.StandardError: b""}

    def start(self, command: list[str], cancel_file: Path | None = None) -> None:
        """Start `command` (program first); unbuffered Python output, so that lines arrive as they are printed.
        `cancel_file` is the file the command stops for (its --cancel-file)."""
        self._cancel_file = cancel_file
        process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert("PYTHONUNBUFFERED", "1")
        process.setProcessEnvironment(environment)
        process.readyReadStandardOutput.connect(lambda: self._read(QProcess.ProcessChannel.StandardOutput))
        process.readyReadStandardError.connect(lambda: self._read(QProcess.ProcessChannel.StandardError))
        process.started.connect(self._lower_priority)
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._error)
        self._process = process
        process.start(command[0], command[1:])

    def running(self) -> bool:
        return self._process is not None and self._process.state() != QProcess.ProcessState.NotRunning

    def stop(self) -> None:
        """Ask the child to cancel cleanly (its cancel file), then terminate and kill it if it does not."""
        if not self.running():
            return
        requested = self._cancel_file is not None
        if requested:
            try:
                self._cancel_file.touch()
            except OSError:  # its folder is gone: the signals must do
                requested = False
        for delay, method in stop_steps(requested):
            QTimer.singleShot(delay, self._process, getattr(self._process, method))

    def wait(self, msecs: int) -> bool:
        """Block until the child ended (for closing the app); kill it if it did not within `msecs`."""
        if not self.running():
            return True
        if self._process.waitForFinished(msecs):
            return True
        self._process.kill()
        return self._process.waitForFinished(5000)

    def pid(self) -> int:
        """The child's process id (0 when none runs)."""
        return int(self._process.processId()) if self.running() else 0

    def _lower_priority(self) -> None:
        """Nice the child before it starts its threads (they inherit it): the window and the engine come first."""
        with contextlib.suppress(OSError, AttributeError):
            os.setpriority(os.PRIO_PROCESS, self.pid(), BACKGROUND_NICENESS)

    def _read(self, channel: QProcess.ProcessChannel) -> None:
        self._process.setReadChannel(channel)
        data = self._partial[channel] + self._process.readAll().data()
        *lines, self._partial[channel] = data.split(b"\n")
        for line in lines:
            self._line(line, channel)

    def _line(self, raw: bytes, channel: QProcess.ProcessChannel) -> None:
        text = raw.decode("utf-8", errors="replace").rstrip("\r")
        event = parse_event(text) if channel == QProcess.ProcessChannel.StandardOutput else None
        if event is not None:
            self.event.emit(event)
        elif text.strip():
            self.output.emit(text)

    def _flush(self) -> None:
        """The last lines, also those without a final newline."""
        for channel in self._partial:
            self._read(channel)
            rest, self._partial[channel] = self._partial[channel], b""
            if rest:
                self._line(rest, channel)

    def _finished(self, exit_code: int, status: QProcess.ExitStatus) -> None:
        self._flush()
        self._end(exit_code, status == QProcess.ExitStatus.CrashExit)

    def _error(self, error: QProcess.ProcessError) -> None:
        """Only a child that never started ends here; other errors are followed by `finished`."""
        if error == QProcess.ProcessError.FailedToStart:
            self.output.emit(f"Could not start {self._process.program()}: {self._process.errorString()}")
            self._end(-1, True)

    def _end(self, exit_code: int, crashed: bool) -> None:
        self._process.deleteLater()
        self._process = None
        self.ended.emit(exit_code, crashed)
