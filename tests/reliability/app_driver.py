"""A real FileScribe desktop process driven through a scenario, for the tests that kill, lock or restrict it.

`python -m tests.reliability.app_driver SCENARIO OPTIONS_JSON GUI_ARGS...` starts `filescribe gui GUI_ARGS`
the way the console script does (instance lock, store, settings, window), then plays SCENARIO on the window
and reports on stdout, one JSON object per line. With "audit" in the options every file the process opens
below those folders is recorded (Python's audit hook sees every open()).
"""
from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Callable, Iterator

Step = Callable[[], bool]
STEP_MS = 20


def report(event: str, **fields: object) -> None:
    """One JSON line on stdout, flushed at once (the test may kill this process right after)."""
    print(json.dumps({"event": event, **fields}), flush=True)


def record_opens(folders: list[str], opened: list[str]) -> None:
    """Record every path opened below `folders` (the hook stays for the life of the process)."""
    prefixes = tuple(os.fsencode(os.path.join(folder, "")) for folder in folders)

    def hook(event: str, args: tuple) -> None:
        if event == "open" and isinstance(args[0], (str, bytes)) and os.fsencode(args[0]).startswith(prefixes):
            opened.append(os.fsdecode(args[0]))

    sys.addaudithook(hook)


def rows_of(window) -> list[dict[str, str]]:
    model = window.files.model
    return [{"path": row.entry.path, "state": row.state, "description": row.description, "kind": row.entry.kind}
            for row in map(model.row_at, range(model.rowCount()))]


def banners_of(window) -> dict[str, str]:
    names = ("store_banner", "folder_banner", "model_banner", "info_banner")
    return {name: getattr(window.files, name).label.text() for name in names if getattr(window.files, name).isVisible()}


def settled(window) -> Step:
    return lambda: window.files.session is not None and window.is_settled()


def report_scenario(window, options: dict, opened: list[str]) -> Iterator[Step]:
    """Wait until described; make the entries of options["then"] (kind, name, target), wait for them; report;
    open options["open"] if given and report again; quit."""
    yield settled(window)
    root = window.files.session.root
    made = [os.path.join(root, name) for _, name, _ in options.get("then", [])]
    for (kind, _, target), path in zip(options.get("then", []), made, strict=True):
        {"fifo": lambda p, _: os.mkfifo(p), "symlink": lambda p, t: os.symlink(t, p),
         "file": lambda p, _: os.mknod(p, stat.S_IFREG | 0o644)}[kind](path, target)
    yield lambda: all(window.files.model.row_of(path) is not None for path in made)
    yield settled(window)
    report("report", rows=rows_of(window), banners=banners_of(window), opened=opened,
           polling=window.files.session.polling)
    if "open" in options:
        window.open_folder(options["open"])
        yield settled(window)
        report("opened", rows=rows_of(window), banners=banners_of(window))
    window.close()


def correct_scenario(window, options: dict, opened: list[str]) -> Iterator[Step]:
    """Correct one row as Enter in its editor does; report "confirmed" once the window says it is saved; go on."""
    from desktop_app.gui.files.table_model import DESCRIPTION

    yield settled(window)
    model = window.files.model
    model.setData(model.index(model.row_of(options["path"]), DESCRIPTION), options["text"])
    yield lambda: window.statusBar().currentMessage().startswith("Saved your description")
    report("confirmed")


def hold_scenario(window, options: dict, opened: list[str]) -> Iterator[Step]:
    """Report "ready" once described, then "handed" whenever a later launch hands over another folder (once it is
    described); run until stopped."""
    yield settled(window)
    report("ready", rows=rows_of(window))
    while True:
        root = window.files.session.root
        yield lambda root=root: window.files.session.root != root
        yield settled(window)
        report("handed", root=window.files.session.root, rows=rows_of(window))


SCENARIOS = {"report": report_scenario, "correct": correct_scenario, "hold": hold_scenario}


def play(scenario: Callable[..., Iterator[Step]], options: dict, opened: list[str]) -> None:
    """Find the main window once it exists and play the scenario's steps on a timer."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.gui.main_window import MainWindow

    state: dict = {}
    timer = QTimer(QApplication.instance())

    def tick() -> None:
        if "steps" not in state:
            window = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)
            if window is None:
                return
            state["steps"] = scenario(window, options, opened)
            state["step"] = next(state["steps"])
        while state["step"]():
            state["step"] = next(state["steps"], None)
            if state["step"] is None:
                timer.stop()
                return

    timer.timeout.connect(tick)
    timer.start(STEP_MS)


def main() -> int:
    scenario, options, gui_args = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3:]
    opened: list[str] = []
    if "audit" in options:
        record_opens(options["audit"], opened)
    from PySide6.QtWidgets import QApplication

    from desktop_app.cli.main import main as filescribe

    app = QApplication([sys.argv[0]])  # noqa: F841 - run_app uses this instance
    play(SCENARIOS[scenario], options, opened)
    return filescribe(["gui", *gui_args])


if __name__ == "__main__":
    sys.exit(main())
