"""Screenshots of the window with the Python Q&A dock, rendered offscreen from the real window: the quick answer by
word match while the documentation index is built (qa-quick.png, only when the index is not in the cache yet), then
the full answer (qa-panel.png).

Run: .venv/bin/python docs/screenshots/make_qa_screenshot.py --model FOLDER [--question Q] [--out DIR]
The indexes are the real ones in the user cache dir (FILESCRIBE_CACHE_DIR overrides it); building the
documentation index takes minutes.
"""
from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from make_screenshots import FILES, make_folder  # sets up the import path and Qt

from benchmarks.offscreen import save_small, settle, wait_until

QUESTION = "How do I run a shell command and get its output?"


def run(args: argparse.Namespace) -> None:
    from PySide6.QtWidgets import QApplication

    from core.describe.states import DESCRIBED
    from core.qa.answerer import QUICK
    from core.store import Store
    from desktop_app.gui.icons import use_system_icon_theme
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.settings import AppSettings

    work = Path(tempfile.mkdtemp(prefix="filescribe-qa-shot-"))
    os.environ["FILESCRIBE_DATA_DIR"] = str(work / "data")
    folder = make_folder(work / "home")
    app = QApplication.instance() or QApplication([])
    app.setApplicationName("FileScribe")
    use_system_icon_theme()
    window = MainWindow(Store.open(), AppSettings(model_spec=str(args.model), device="cpu", use_memory=False))
    window.resize(*args.size)
    window.show()
    window.qa_panel.show()
    window.open_folder(str(folder))
    wait_until(app, lambda: window.files.model.count(*DESCRIBED) == len(FILES), 3600)
    panel = window.qa_panel
    panel.question.setText(args.question)
    panel.ask()
    args.out.mkdir(parents=True, exist_ok=True)
    wait_until(app, lambda: not panel.is_busy() and panel.shown is not None)
    if panel.shown.mode == QUICK:
        wait_until(app, lambda: panel.index_progress.maximum() > 0 or panel.full_answers(), 3600)  # its progress
        settle(app, 1.0)
        save_small(window.grab().toImage(), args.out / "qa-quick.png")
    wait_until(app, lambda: not panel.is_busy() and panel.shown.mode != QUICK, 8 * 3600)
    settle(app, 1.0)
    save_small(window.grab().toImage(), args.out / "qa-panel.png")
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="description model folder")
    parser.add_argument("--question", default=QUESTION)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--size", type=int, nargs=2, default=(1280, 720), metavar=("WIDTH", "HEIGHT"))
    run(parser.parse_args())


if __name__ == "__main__":
    main()
