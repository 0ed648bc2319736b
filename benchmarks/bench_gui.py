"""Desktop app: first screen of a big folder, re-opening it from the cache, a new file's description, and
the event loop's longest stall while every file is described.

Run: python -m benchmarks.bench_gui [--files 10000] [--new-files 20] [--model random-starter] [--no-memory]
The real MainWindow runs offscreen with the app's own engine loader (example memory on unless --no-memory).
The default model is a randomly initialised one of the starter's shape (13.8M parameters, benchmarks/models.py;
`--model starter` for the shipped one). Random weights never stop early, so every description is a full 32 new
tokens: the worst case for time per file.
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.filenames import synthetic_filenames
from benchmarks.models import model_spec, starter_corpus_texts
from benchmarks.offscreen import wait_until
from benchmarks.smoke import parse_args

TICK_MS = 10
SMOKE = {"files": 40, "new_files": 2, "model": "random-tiny", "no_memory": True}


def many_filenames(count: int) -> list[str]:
    """`count` distinct realistic names: the synthetic ones, then numbered copies ("report (2).pdf")."""
    base = synthetic_filenames(min(count, 4800))
    names = list(base)
    copy = 2
    while len(names) < count:
        for name in base[: count - len(names)]:
            stem, dot, ext = name.partition(".")
            names.append(f"{stem} ({copy}){dot}{ext}")
        copy += 1
    return names


class CountingEngine:
    """The app's engine, counting the filenames given to the model."""

    def __init__(self, engine: Any) -> None:
        self.engine, self.calls, self._lock = engine, 0, threading.Lock()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)

    def describe_inputs(self, inputs: Sequence[Any], progress: Callable[[int], None] | None = None) -> list[str]:
        with self._lock:
            self.calls += len(inputs)
        return self.engine.describe_inputs(inputs, progress)


class GapMeter:
    """The longest interval between ticks of a 10 ms QTimer: how long the event loop was stalled."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.timeout.connect(self._tick)
        self._timer.start(TICK_MS)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def stop(self) -> tuple[float, float]:
        """(longest, 99th percentile) interval in ms; the stretch since the last tick counts too (a run shorter
        than one tick has that one interval)."""
        self._timer.stop()
        self._tick()
        ordered = sorted(self.gaps)
        return ordered[-1] * 1000, ordered[int(len(ordered) * 0.99)] * 1000


def first_screen(app: Any, window: Any) -> float:
    """Seconds from open_folder to a painted first screen of rows."""
    start = time.perf_counter()
    window.open_folder(window.bench_folder)
    visible = max(1, window.files.table.viewport().height() // window.files.table.verticalHeader().defaultSectionSize())
    wait_until(app, lambda: window.files.filter.rowCount() >= visible, 30)
    window.files.table.viewport().repaint()
    return time.perf_counter() - start


def run(args: argparse.Namespace) -> None:
    from PySide6.QtWidgets import QApplication

    from core.describe.states import DESCRIBED
    from core.store import Store
    from desktop_app.gui.files.worker import load_engine
    from desktop_app.gui.icons import use_system_icon_theme
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.settings import AppSettings

    work = Path(tempfile.mkdtemp(prefix="bench-gui-"))
    os.environ["FILESCRIBE_DATA_DIR"] = str(work / "data")
    model = model_spec(args.model, work, starter_corpus_texts)
    folder = work / "folder"
    folder.mkdir()
    for name in many_filenames(args.files):
        (folder / name).write_bytes(b"")
    app = QApplication.instance() or QApplication([])
    use_system_icon_theme()
    counter: dict[str, CountingEngine] = {}

    def factory(settings: AppSettings, store: Store) -> CountingEngine:
        counter["engine"] = CountingEngine(load_engine(settings, store))
        return counter["engine"]

    settings = AppSettings(model_spec=model, device="cpu", use_memory=not args.no_memory)
    window = MainWindow(Store.open(), settings, engine_factory=factory)
    window.bench_folder = str(folder)
    window.resize(1180, 720)
    window.show()
    load = wait_until(app, lambda: window.files.engine_info is not None or window.files.engine_error, 1800)
    if window.files.engine_error:
        raise SystemExit(window.files.engine_error)
    engine = counter["engine"]
    memory = "first run: the example memory is encoded" if settings.use_memory else "no example memory"
    print(f"model {window.files.engine_info.name} loaded in {load:.1f} s ({memory})")

    meter = GapMeter()
    shown = first_screen(app, window)
    all_rows = wait_until(app, lambda: window.files.model.rowCount() == args.files and window.files.session.listed,
                          60) + shown
    longest, p99 = meter.stop()
    print(f"open {args.files} files: first screen {shown * 1000:.0f} ms, all rows {all_rows:.2f} s;"
          f" event loop: longest gap {longest:.0f} ms, p99 {p99:.0f} ms")
    meter = GapMeter()
    described = wait_until(app, lambda: window.files.model.count(*DESCRIBED) == args.files, 7200) + all_rows
    longest, p99 = meter.stop()
    print(f"describe all: {described:.0f} s ({args.files / described:.0f} files/s, {engine.calls} model inputs);"
          f" event loop meanwhile: longest gap {longest:.0f} ms, p99 {p99:.0f} ms")

    calls = engine.calls
    reopened = first_screen(app, window)
    cached = wait_until(app, lambda: window.files.model.count(*DESCRIBED) == args.files, 120) + reopened
    print(f"re-open, all cached: first screen {reopened * 1000:.0f} ms, all {args.files} described in "
          f"{cached:.2f} s, {engine.calls - calls} model calls")
    restarted = MainWindow(Store.open(), window.settings, engine_factory=factory)
    restarted.bench_folder = str(folder)
    restarted.resize(1180, 720)
    restarted.show()
    wait_until(app, lambda: restarted.files.engine_info is not None, 1800)
    reopened = first_screen(app, restarted)
    cached = wait_until(app, lambda: restarted.files.model.count(*DESCRIBED) == args.files, 120) + reopened
    print(f"after a restart (new window and engine, keys found again): all {args.files} described in {cached:.2f} s,"
          f" {counter['engine'].calls} model calls")
    restarted.close()

    latencies = []
    for index in range(args.new_files):
        name = f"new_document_{index:02}.txt"
        start = time.perf_counter()
        (folder / name).write_bytes(b"")
        path = str(folder / name)
        wait_until(app, lambda p=path: (n := window.files.model.row_of(p)) is not None
                   and window.files.model.row_at(n).state in DESCRIBED, 60)
        latencies.append(time.perf_counter() - start)
        wait_until(app, lambda: True, 0)
        time.sleep(0.2)
    print(f"new file described: median {statistics.median(latencies) * 1000:.0f} ms, "
          f"max {max(latencies) * 1000:.0f} ms over {args.new_files}")
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--new-files", type=int, default=20)
    parser.add_argument("--model", default="random-starter",
                        help="a model spec or random-SHAPE (benchmarks/models.py; default random-starter)")
    parser.add_argument("--no-memory", action="store_true", help="the app's example memory turned off (--smoke "
                        "turns it off: building it encodes the 4,275 starter examples)")
    run(parse_args(parser, SMOKE))


if __name__ == "__main__":
    main()
