"""Stopping a child process: its cancel file first, then terminate (not on Windows), then kill, each after a grace
period; a child that honours the file ends cleanly without any signal."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess

from desktop_app.gui.training import process as process_module
from desktop_app.gui.training.process import KILL_AFTER_MS, TERMINATE_AFTER_MS, ChildProcess, stop_steps

# Both children say "ready" once running; one leaves when its cancel file appears, the other ignores everything
# but SIGKILL.
HONOURS_THE_FILE = ("import os, sys, time; print('ready', flush=True)\n"
                    "while not os.path.exists(sys.argv[1]): time.sleep(0.05)\n"
                    "print('cancelled on request', flush=True); sys.exit(143)")
START_TIMEOUT_MS = 120_000  # the child runs at background priority: slow to start on a busy machine
IGNORES_EVERYTHING = ("import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('ready', flush=True)\n"
                      "while True: time.sleep(1)")


@pytest.fixture()
def sent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the child process was sent (terminate, kill), in order; QProcess still does it."""
    calls: list[str] = []

    def recording(method: str):
        original = getattr(QProcess, method)

        def recorded(self: QProcess) -> None:
            calls.append(method)
            original(self)
        return recorded

    for method in ("terminate", "kill"):
        monkeypatch.setattr(QProcess, method, recording(method))
    return calls


@pytest.fixture()
def start_child(qtbot):
    """Start a ChildProcess running Python `code` and wait until it is ready; returns it with the `ended` arguments
    and the output lines it reports. Whatever still runs at the end is killed."""
    children: list[ChildProcess] = []

    def start(code: str, cancel_file: Path) -> tuple[ChildProcess, list, list[str]]:
        child, ended, lines = ChildProcess(), [], []
        children.append(child)
        child.ended.connect(lambda code, crashed: ended.append((code, crashed)))
        child.output.connect(lines.append)
        child.start([sys.executable, "-c", code, str(cancel_file)], cancel_file)
        qtbot.waitUntil(lambda: "ready" in lines, timeout=START_TIMEOUT_MS)
        return child, ended, lines

    yield start
    for child in children:
        child.wait(0)


def test_the_steps_after_the_request_depend_on_the_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert stop_steps(True) == [(TERMINATE_AFTER_MS, "terminate"), (KILL_AFTER_MS, "kill")]
    assert stop_steps(False)[0] == (0, "terminate")  # no request could be made: SIGTERM at once, as before
    monkeypatch.setattr(sys, "platform", "darwin")
    assert [method for _, method in stop_steps(True)] == ["terminate", "kill"]
    monkeypatch.setattr(sys, "platform", "win32")
    assert stop_steps(True) == [(KILL_AFTER_MS, "kill")]


@pytest.mark.parametrize("platform", ["win32", "linux"])
def test_a_child_that_honours_its_cancel_file_ends_cleanly_without_a_signal(
        qtbot, start_child, tmp_path: Path, sent: list[str], monkeypatch: pytest.MonkeyPatch, platform: str) -> None:
    monkeypatch.setattr(process_module, "TERMINATE_AFTER_MS", START_TIMEOUT_MS)  # time enough on a busy machine
    monkeypatch.setattr(process_module, "KILL_AFTER_MS", 2 * START_TIMEOUT_MS)
    monkeypatch.setattr(sys, "platform", platform)
    child, ended, lines = start_child(HONOURS_THE_FILE, tmp_path / "cancel")
    child.stop()
    qtbot.waitUntil(lambda: bool(ended), timeout=START_TIMEOUT_MS)
    assert ended == [(143, False)] and "cancelled on request" in lines and sent == []


@pytest.mark.parametrize(("platform", "steps"), [("linux", ["terminate", "kill"]), ("win32", ["kill"])])
def test_a_child_that_ignores_the_request_is_terminated_then_killed(
        qtbot, start_child, tmp_path: Path, sent: list[str], monkeypatch: pytest.MonkeyPatch, platform: str,
        steps: list[str]) -> None:
    monkeypatch.setattr(process_module, "TERMINATE_AFTER_MS", 300)
    monkeypatch.setattr(process_module, "KILL_AFTER_MS", 1500)
    monkeypatch.setattr(sys, "platform", platform)
    child, ended, _ = start_child(IGNORES_EVERYTHING, tmp_path / "cancel")
    child.stop()
    assert (tmp_path / "cancel").exists() and sent == []  # the request first; terminate only after the grace
    qtbot.waitUntil(lambda: bool(ended), timeout=START_TIMEOUT_MS)
    assert sent == steps and ended[0][1]  # SIGTERM was ignored; the kill ended it (a crash, for QProcess)
