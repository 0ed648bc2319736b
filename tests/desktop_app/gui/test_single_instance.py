"""One app per data folder with QLockFile and QLocalServer: a second launch hands its folder over and exits 0, a
crashed app's lock does not block, a lock that cannot be checked goes stale only after STALE_LOCK_MS."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile
from PySide6.QtNetwork import QLocalSocket

from desktop_app.gui import single_instance
from desktop_app.gui.app import present, run_app
from desktop_app.gui.single_instance import (
    LOCK_FILENAME,
    STALE_LOCK_MS,
    AlreadyRunning,
    SingleInstance,
    folder_of,
    request_of,
    server_name,
)
from tests.desktop_app.helpers import names_of, settle

ROOT = Path(__file__).parents[3]
CLI = "import sys; from desktop_app.cli.main import main; sys.exit(main())"
# A FileScribe that takes the lock and its server, then dies without releasing anything (as a crash does).
CRASHES_HOLDING_THE_LOCK = (
    "import os, sys; from pathlib import Path; from PySide6.QtCore import QCoreApplication; "
    "from desktop_app.gui.single_instance import SingleInstance; app = QCoreApplication([]); "
    "held = SingleInstance(Path(sys.argv[1])); assert held.acquire(); os._exit(0)")


@pytest.fixture()
def instance(isolated_data_dir: Path):
    """The lock and server of this test's data folder, released at the end."""
    held = SingleInstance(isolated_data_dir)
    yield held
    held.release()


def crash_holding_the_lock(data_dir: Path) -> Path:
    """Run CRASHES_HOLDING_THE_LOCK; the lock file it left behind."""
    subprocess.run([sys.executable, "-c", CRASHES_HOLDING_THE_LOCK, str(data_dir)], cwd=ROOT, check=True, timeout=120,
                   env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    lock = data_dir / LOCK_FILENAME
    assert lock.is_file()
    return lock


def test_a_second_launch_hands_its_folder_to_the_running_window_and_exits_0(
        qtbot, make_window, instance, folder: Path, tmp_path: Path) -> None:
    window = make_window(folder)
    assert instance.acquire()
    instance.folder_requested.connect(lambda requested: present(window, requested))  # as app.show_window does
    settle(qtbot, window)
    window.showMinimized()
    other = tmp_path / "Other"
    other.mkdir()
    (other / "budget_2025.ods").write_text("x")
    second = subprocess.Popen([sys.executable, "-c", CLI, "gui", str(other)], cwd=ROOT, stderr=subprocess.PIPE,
                              text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=120_000)  # this window answers meanwhile
    finally:
        second.kill()
    assert second.returncode == 0, second.stderr.read()
    qtbot.waitUntil(lambda: "budget_2025.ods" in names_of(window))
    assert window.settings.recent_folders[0] == str(other) and window.windowTitle().startswith("Other")
    assert window.isVisible() and not window.isMinimized()
    assert instance.lock.isLocked()  # the first app keeps the data folder


def test_a_launch_without_a_folder_only_brings_the_window_forward(qtbot, make_window, instance, folder: Path) -> None:
    window = make_window(folder)
    assert instance.acquire()
    requested: list[str] = []
    instance.folder_requested.connect(requested.append)
    socket = QLocalSocket()
    socket.connectToServer(server_name(instance.data_dir))
    socket.write(request_of(None))
    qtbot.waitUntil(lambda: requested == [""])
    qtbot.waitUntil(lambda: socket.state() == QLocalSocket.LocalSocketState.UnconnectedState)
    assert socket.readAll().data() == b"ok\n"
    present(window, "")
    assert window.settings.recent_folders[0] == str(folder)  # the open folder stays


def test_a_request_that_is_not_one_is_ignored(qtbot, instance) -> None:
    assert instance.acquire()
    requested: list[str] = []
    instance.folder_requested.connect(requested.append)
    socket = QLocalSocket()
    socket.connectToServer(server_name(instance.data_dir))
    socket.write(b"GET / HTTP/1.0\n")
    qtbot.waitUntil(lambda: socket.state() == QLocalSocket.LocalSocketState.UnconnectedState)
    assert requested == [] and socket.readAll().data() == b""
    assert folder_of(b'{"folder": 3}\n') is None and folder_of(b"[]\n") is None
    assert folder_of(request_of("relative/path")) == os.path.abspath("relative/path")  # the sender's cwd applies


def test_a_crashed_apps_lock_does_not_block(instance) -> None:
    crash_holding_the_lock(instance.data_dir)
    assert instance.acquire() and instance.server.isListening()  # its socket file too was taken over


def test_a_lock_that_cannot_be_checked_goes_stale_after_the_stale_time(isolated_data_dir: Path, instance) -> None:
    lock = crash_holding_the_lock(isolated_data_dir)
    pid, app, _host, _host_id, boot = lock.read_text().split("\n")[:5]
    lock.write_text(f"{pid}\n{app}\nanother-machine\n{'0' * 32}\n{boot}\n")  # its process cannot be looked at
    assert not instance.acquire()  # a fresh lock from elsewhere holds
    old = time.time() - STALE_LOCK_MS / 1000 - 60
    os.utime(lock, (old, old))
    assert instance.acquire()


def test_the_owner_keeps_its_lock_fresh(qtbot, isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(single_instance, "TOUCH_LOCK_MS", 100)
    held = SingleInstance(isolated_data_dir)
    assert held.acquire()
    lock = isolated_data_dir / LOCK_FILENAME
    old = time.time() - STALE_LOCK_MS / 1000
    os.utime(lock, (old, old))
    qtbot.waitUntil(lambda: time.time() - lock.stat().st_mtime < 60)
    held.release()
    assert not lock.exists()


def test_an_owner_that_does_not_answer_is_a_clear_error(isolated_data_dir: Path, instance,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(single_instance, "HANDOVER_TIMEOUT_MS", 1000)
    isolated_data_dir.mkdir(parents=True)
    silent = QLockFile(str(isolated_data_dir / LOCK_FILENAME))  # a live owner with no server
    assert silent.tryLock(0)
    try:
        assert not instance.acquire()
        with pytest.raises(AlreadyRunning, match=f"already running with the data folder {isolated_data_dir} "
                                                 rf"\(process {os.getpid()}\) but does not answer"):
            instance.hand_over(None)
    finally:
        silent.unlock()


def test_a_screenshot_run_never_hands_over(isolated_data_dir: Path, instance, tmp_path: Path) -> None:
    from desktop_app.cli.main import build_parser

    assert instance.acquire()
    args = build_parser().parse_args(["gui", "--screenshot", str(tmp_path / "shot.png")])
    with pytest.raises(AlreadyRunning, match="a screenshot needs a data folder of its own"):
        run_app(args)
