"""Screenshots of the Training tab, rendered offscreen from the real window: idle, training, its report and examples.

The user of the Training tab's trial (benchmarks/bench_training_tab.py): 200 corrected man-page names of a kind the
starter never saw, the starter model in use, the tab's default settings. The report and examples pictures come from
a stored run (`stored-run/`: the run's record, report, metrics, loss history and log, not its weights), so they are
retaken in seconds; `--train` makes a real run first (minutes on an idle 2-core machine), takes the picture of it
training, and stores it.

Run: .venv/bin/python docs/screenshots/make_training_screenshots.py [--train] [--out DIR]
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import tempfile
from pathlib import Path

import make_screenshots  # noqa: F401 - sets up the import path and Qt

from benchmarks.offscreen import save, settle, wait_until

HERE = Path(__file__).resolve().parent
CORRECTIONS = HERE.parents[1] / "benchmarks" / "data" / "memory_domains" / "other-commands.corrections.jsonl"
STORED_FILES = ("report.json", "metrics.json", "loss_history.json")  # of the run's model folder


def store_run(registry, run_id: str, folder: Path) -> None:
    """Keep the run's record and results (no weights) in `folder`."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (record,) = [r for r in registry.records() if r.id == run_id]
    (folder / "record.json").write_text(json.dumps(dataclasses.asdict(record), indent=2) + "\n", encoding="utf-8")
    for name in STORED_FILES:
        shutil.copy(registry.model_dir(run_id) / name, folder / name)
    shutil.copy(registry.log_path(run_id), folder / "run.log")


def restore_run(registry, folder: Path) -> None:
    """Put the stored run into the (empty) registry, as a finished run of this data folder."""
    from desktop_app.gui.training.runs import RunRecord

    record = RunRecord.from_dict(json.loads((folder / "record.json").read_text(encoding="utf-8")))
    registry.model_dir(record.id).mkdir(parents=True)
    for name in STORED_FILES:
        shutil.copy(folder / name, registry.model_dir(record.id) / name)
    registry.log_path(record.id).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(folder / "run.log", registry.log_path(record.id))
    registry.save(record)


def run(args: argparse.Namespace) -> None:
    from PySide6.QtWidgets import QApplication

    from core.store import Store
    from desktop_app.gui.icons import use_system_icon_theme
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.settings import AppSettings
    from desktop_app.gui.training.runs import RunRegistry
    from desktop_app.gui.training.tab import EXAMPLES_PAGE, REPORT_PAGE

    work = Path(tempfile.mkdtemp(prefix="filescribe-training-shots-"))
    os.environ["FILESCRIBE_DATA_DIR"] = str(work / "data")
    store = Store.open()
    store.import_corrections(CORRECTIONS, strict=True)
    registry = RunRegistry.open()
    app = QApplication.instance() or QApplication([])
    app.setApplicationName("FileScribe")
    use_system_icon_theme()
    args.out.mkdir(parents=True, exist_ok=True)

    def open_window() -> MainWindow:
        window = MainWindow(Store.open(), AppSettings(model_spec="starter", device="cpu"))
        window.resize(*args.size)
        window.show()
        window.tabs.setCurrentWidget(window.training)
        wait_until(app, lambda: len(window.training.inputs.ticked()) == 200, 120)
        settle(app)
        return window

    window = open_window()
    save(window, args.out, "training-idle.png")
    if args.train:
        tab = window.training
        tab.start()
        wait_until(app, lambda: len(tab.runner.progress.valid_loss) >= 2 or not tab.runner.running, 4 * 3600)
        settle(app)
        save(window, args.out, "training-running.png")
        wait_until(app, lambda: not tab.runner.running, 8 * 3600)
        if tab.runner.record.status != "finished":
            raise SystemExit(f"the run {tab.runner.record.status}: {tab.runner.record.error}")
        store_run(registry, tab.runner.record.id, args.stored_run)
    window.close()
    for run_id in [record.id for record in registry.records()]:
        registry.delete(run_id)
    restore_run(registry, args.stored_run)
    window = open_window()
    tab = window.training
    wait_until(app, lambda: tab.details.currentIndex() == REPORT_PAGE and tab.verdict is not None, 60)
    settle(app)
    save(window, args.out, "training-report.png")
    tab.details.setCurrentIndex(EXAMPLES_PAGE)
    settle(app)
    save(window, args.out, "training-examples.png")
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", action="store_true", help="make a real run first and store it")
    parser.add_argument("--stored-run", type=Path, default=HERE / "stored-run", help="the stored run's folder")
    parser.add_argument("--out", type=Path, default=HERE)
    parser.add_argument("--size", type=int, nargs=2, default=(1280, 720), metavar=("WIDTH", "HEIGHT"))
    run(parser.parse_args())


if __name__ == "__main__":
    main()
