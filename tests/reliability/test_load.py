"""Load: 20,000 files created in one burst while the window is open, and a folder of 100,000 files opened and
closed again and again. Every file is described once, the window keeps answering, memory and threads stay put."""
from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import statistics
import threading
import time
from collections import Counter
from pathlib import Path

import psutil
import pytest
from PySide6.QtCore import QObject, Qt, QTimer

from tests.desktop_app.helpers import settle

HEARTBEAT_MS = 10
MAX_STALL_S = 1.0  # a hang; the < 100 ms goal for the longest gap is measured in benchmarks/bench_gui.py


class Heartbeat(QObject):
    """A 10 ms timer on the window's thread: the longest gap between its ticks is the longest stall of the event
    loop. Time the thread spent runnable but waiting for a CPU (other processes on a busy machine) is not the
    window's doing and is left out (/proc/thread-self/schedstat)."""

    def __init__(self) -> None:
        super().__init__()
        self.longest = 0.0
        self.longest_raw = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._last = self._mark()
        self._timer.start(HEARTBEAT_MS)

    @staticmethod
    def _mark() -> tuple[float, float]:
        try:
            with open("/proc/thread-self/schedstat") as handle:
                waited = int(handle.read().split()[1]) / 1e9
        except OSError:  # a kernel without scheduler statistics: every wait counts
            waited = 0.0
        return time.monotonic(), waited

    def _tick(self) -> None:
        now, waited = self._mark()
        gap = now - self._last[0] - HEARTBEAT_MS / 1000
        self.longest_raw = max(self.longest_raw, gap)
        self.longest = max(self.longest, gap - (waited - self._last[1]))
        self._last = (now, waited)

    def stop(self) -> None:
        self._timer.stop()


def rss_mb() -> float:
    """Resident memory after a collection, with the freed heap handed back to the system where glibc allows, so
    that the figure follows what is alive rather than the allocator's high-water mark."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: the figure keeps the allocator's slack
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    return psutil.Process().memory_info().rss / 2**20


@pytest.mark.slow
def test_a_burst_of_20000_files_is_described_once_each_without_stalls(
    qtbot, make_window, tmp_path: Path, counting_engine
) -> None:
    root = tmp_path / "unpacked"
    (root / "warm-up").mkdir(parents=True)
    for number in range(64):  # the model's first full batches take memory once: not the burst's
        (root / "warm-up" / f"letter_{number:02}.txt").write_bytes(b"x")
    window = make_window(root)
    window.recursive_action.trigger()
    settle(qtbot, window)
    delivered: Counter[str] = Counter()
    window.files.feed.described.connect(lambda rows: delivered.update(path for path, _, _ in rows))
    names = [f"scan_{number:04}.pdf" for number in range(2000)]
    # 1,000 files in the open folder itself and 1,000 in each of 19 new folders: each name in 10 places
    boxes = {f"box-{box:02}" if box else "": (names * 2)[box * 100 : box * 100 + 1000] for box in range(20)}
    before = rss_mb()
    heartbeat = Heartbeat()

    def unpack() -> None:
        for box, inside in boxes.items():
            (root / box).mkdir(exist_ok=True)
            for name in inside:
                (root / box / name).write_bytes(b"x")

    writer = threading.Thread(target=unpack)
    writer.start()
    qtbot.waitUntil(lambda: not writer.is_alive(), timeout=120_000)
    qtbot.waitUntil(lambda: window.files.model.rowCount() == 20_064, timeout=60_000)
    settle(qtbot, window, timeout=300_000)
    heartbeat.stop()
    grown = rss_mb() - before
    print(f"burst: longest stall {heartbeat.longest * 1000:.0f} ms ({heartbeat.longest_raw * 1000:.0f} ms with "
          f"waits for a CPU), memory +{grown:.0f} MB")
    paths = {str(root / box / name) for box, inside in boxes.items() for name in inside}
    assert len(paths) == 20_000
    assert set(delivered) == paths and set(delivered.values()) == {1}  # every new file described exactly once
    assert sorted(counting_engine.calls[64:]) == names  # and every distinct name run through the model once
    assert heartbeat.longest < MAX_STALL_S
    assert grown < 100  # about 5 kB a file at most: the listing, the rows, the queue


def thread_count() -> int:
    return len(os.listdir("/proc/self/task"))


@pytest.mark.slow
def test_a_folder_of_100000_files_opened_and_closed_again_and_again(qtbot, make_window, tmp_path: Path) -> None:
    big = tmp_path / "big"
    big.mkdir()
    for number in range(100_000):
        os.mknod(big / f"record_{number:06}.dat")
    small = tmp_path / "small"
    small.mkdir()
    (small / "readme.txt").write_text("x")
    window = make_window(small)
    settle(qtbot, window)
    memory, threads = [], []
    for _ in range(8):
        window.open_folder(str(big))
        qtbot.waitUntil(lambda: window.files.session.listed and window.files.model.rowCount() == 100_000,
                        timeout=120_000)
        window.open_folder(str(small))
        settle(qtbot, window, timeout=120_000)
        memory.append(rss_mb())
        threads.append(thread_count())
    print(f"100,000 files: memory after each round {[round(m) for m in memory]} MB, threads {threads}")
    # The allocator settles over the first rounds and its high-water mark moves by tens of MB from round to round
    # (runs here: +36, +73 and +57 MB at some round, then flat), so rounds 2-4 and 5-7 are compared by their
    # medians: a folder's rows kept per round (about 50 MB) would show as 150 MB
    assert statistics.median(memory[5:8]) - statistics.median(memory[2:5]) < 40
    assert len(set(threads[1:])) == 1
