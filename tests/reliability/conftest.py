"""Reliability fixtures: the desktop tests' windows and engines (shared, not rebuilt) and driven app processes."""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

from tests.desktop_app.conftest import counting_engine, desktop_engine, folder, make_window, one_torch_thread

__all__ = ["counting_engine", "desktop_engine", "folder", "make_window", "one_torch_thread"]

ROOT = Path(__file__).parents[2]
APP_TIMEOUT = 120.0  # seconds for a process to start, load the tiny model and describe a small folder


def gui_options(folder: Path, model: Path) -> list[str]:
    """`filescribe gui` arguments: the folder, the tiny model on the CPU, no example memory (fast)."""
    return [str(folder), "--model", str(model), "--device", "cpu", "--no-memory"]


def unprivileged() -> list[str]:
    """A command prefix under which file permissions apply: root keeps its uid but loses the DAC capabilities."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


class AppProcess:
    """A FileScribe window in its own process (tests/reliability/app_driver.py), reporting JSON events."""

    def __init__(self, scenario: str, options: dict, gui_args: list[str], prefix: list[str] = ()) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        command = [*prefix, sys.executable, "-m", "tests.reliability.app_driver", scenario, json.dumps(options),
                   *gui_args]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True)
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._errors: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._errors.extend, args=(self.process.stderr,), daemon=True).start()

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def stderr(self) -> str:
        """What the process wrote on stderr so far."""
        return "".join(self._errors)

    def _read(self) -> None:
        for line in self.process.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def event(self, name: str, timeout: float = APP_TIMEOUT) -> dict:
        """The next event, which must be `name` (the process's stderr is shown if it ended instead)."""
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            self.stop()
            raise AssertionError(f"no {name!r} from the app within {timeout:g} s: {self.stderr}") from None
        if line is None:
            raise AssertionError(f"the app ended ({self.process.wait()}) before {name!r}: {self.stderr}")
        found = json.loads(line)
        assert found["event"] == name, found
        return found

    def exit_code(self, timeout: float = 30) -> int:
        """The exit code once the process ended by itself (it is killed, and the test fails, after `timeout`)."""
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise AssertionError(f"the app did not exit within {timeout:g} s: {self.stderr}") from None

    def stop(self) -> int:
        """Terminate the process if it still runs; its exit code."""
        if self.process.poll() is None:
            self.process.terminate()
        return self.process.wait(timeout=30)
