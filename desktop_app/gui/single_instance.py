"""One desktop app per data folder, with Qt's own means on every platform: a QLockFile held for the app's lifetime,
and a QLocalServer through which a second launch hands its folder to the running window, then exits.

Two windows on one store would each keep its own view of the corrections and fight over the settings file;
SQLite itself stays consistent either way, so the command-line tools take no lock.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from core.errors import FileScribeError

LOCK_FILENAME = "filescribe.lock"
# A crashed app's lock is taken over at once when its process is known to be gone (same machine). A lock whose owner
# cannot be checked (another machine sharing the folder, a process id reused) is stale after this long; the owner
# touches its lock far more often, so a live app's lock never looks stale.
STALE_LOCK_MS = 120_000
TOUCH_LOCK_MS = 30_000
HANDOVER_TIMEOUT_MS = 10_000  # a window that is just starting answers once its event loop runs
ANSWER = b"ok\n"


class AlreadyRunning(FileScribeError):
    """Another FileScribe window uses this data folder and did not take the hand-over."""


def server_name(data_dir: Path) -> str:
    """The local server's name for a data folder: the same for every launch on that folder."""
    key = os.path.normcase(os.path.abspath(data_dir)).encode("utf-8", "surrogatepass")
    return "filescribe-" + hashlib.sha256(key).hexdigest()[:24]


def request_of(folder: str | None) -> bytes:
    """What a second launch sends: one JSON line naming its folder (absolute: the running app has another cwd)."""
    return json.dumps({"folder": os.path.abspath(folder) if folder else None}).encode() + b"\n"


def folder_of(request: bytes) -> str | None:
    """The folder a request names ("" for none); None for a request that is not one."""
    try:
        folder = json.loads(request).get("folder")
    except (ValueError, AttributeError):
        return None
    if folder is None:
        return ""
    return folder if isinstance(folder, str) else None


class SingleInstance(QObject):
    """The data folder's lock, and the server of the app that holds it."""

    folder_requested = Signal(str)  # a later launch's folder ("" when it named none): show the window on it

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.lock = QLockFile(str(data_dir / LOCK_FILENAME))
        self.lock.setStaleLockTime(STALE_LOCK_MS)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._touch_timer = QTimer(self, interval=TOUCH_LOCK_MS, timeout=self._touch)

    def acquire(self) -> bool:
        """Take the lock and listen for later launches; False when a running app holds it."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if not self.lock.tryLock(0):
            if self.lock.error() == QLockFile.LockError.LockFailedError:
                return False
            raise FileScribeError(f"Cannot create the lock file {self.lock.fileName()} (no permission?).")
        name = server_name(self.data_dir)
        QLocalServer.removeServer(name)  # what a crashed app left (Unix socket file); ours now that we hold the lock
        if not self.server.listen(name):
            print(f"filescribe: later launches cannot reach this window: {self.server.errorString()}", file=sys.stderr)
        self._touch_timer.start()
        return True

    def release(self) -> None:
        """Stop listening and give the lock up."""
        self._touch_timer.stop()
        self.server.close()
        self.lock.unlock()

    def _touch(self) -> None:
        """Keep the lock's age low, so that no one takes it for a crashed app's (best effort: Windows may refuse)."""
        with contextlib.suppress(OSError):
            os.utime(self.lock.fileName())

    def hand_over(self, folder: str | None) -> None:
        """Ask the app holding the lock to show `folder` (None: just its window); raises AlreadyRunning when it does
        not answer."""
        pid = self.lock.getLockInfo()[0]  # 0 when unknown
        allow_foreground(pid)
        socket = QLocalSocket()
        deadline = time.monotonic() + HANDOVER_TIMEOUT_MS / 1000
        while not connect_once(socket, server_name(self.data_dir)) and time.monotonic() < deadline:
            time.sleep(0.1)  # the running app may be creating its server right now
        answered = socket.state() == QLocalSocket.LocalSocketState.ConnectedState and exchange(
            socket, request_of(folder), max(1, int((deadline - time.monotonic()) * 1000)))
        socket.abort()
        if not answered:
            raise AlreadyRunning(f"FileScribe is already running with the data folder {self.data_dir} "
                                 f"(process {pid or 'unknown'}) but does not answer. Close it and start again.")

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda socket=socket: self._read(socket))
            socket.disconnected.connect(socket.deleteLater)
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        """Answer a complete request line, then report its folder."""
        if not socket.canReadLine():
            return
        folder = folder_of(socket.readLine().data())
        if folder is not None:
            socket.write(ANSWER)
            socket.flush()
        socket.disconnectFromServer()
        if folder is not None:
            self.folder_requested.emit(folder)


def connect_once(socket: QLocalSocket, name: str) -> bool:
    """One attempt to reach the server `name`."""
    socket.connectToServer(name)
    return socket.waitForConnected(1000)


def exchange(socket: QLocalSocket, request: bytes, timeout_ms: int) -> bool:
    """Send `request` and wait up to `timeout_ms` for the answer; True once it came."""
    deadline = time.monotonic() + timeout_ms / 1000
    socket.write(request)
    socket.waitForBytesWritten(timeout_ms)
    while not socket.canReadLine():
        remaining_ms = int((deadline - time.monotonic()) * 1000)
        if remaining_ms <= 0 or not socket.waitForReadyRead(remaining_ms):
            break
    return socket.canReadLine() and socket.readLine().data() == ANSWER


def allow_foreground(pid: int) -> None:
    """On Windows, let the running app bring its window to the front (only the foreground process may allow it)."""
    if sys.platform == "win32" and pid:
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(pid)
