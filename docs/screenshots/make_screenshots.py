"""Screenshots of the desktop app in each of its states, rendered offscreen from the real window.

Run: .venv/bin/python docs/screenshots/make_screenshots.py --model FOLDER [--no-memory] [--out DIR]
With --dark, only dark.png: the described folder under the Fusion style with a dark palette.
The main picture, described.png, is taken by the app itself: `filescribe gui FOLDER --screenshot PNG`.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import desktop_app.gui.app  # noqa: E402,F401 - the app's import order (Qt-free modules first)
from benchmarks.offscreen import save, save_small, settle, use_dark_theme, wait_until  # noqa: E402

DAY = 86_400
FILES = {  # name: (size in bytes, age in days)
    "Invoice_2024-03_ACME.pdf": (182_344, 240),
    "Tax_Return_2023.pdf": (1_204_512, 300),
    "holiday_photo_lisbon_0412.jpg": (3_481_220, 225),
    "IMG_20240612_183022.jpg": (2_912_004, 163),
    "meeting_notes_q3.md": (6_210, 60),
    "README.md": (3_102, 12),
    "docker-compose.yml": (1_140, 33),
    "thesis_draft_v2.docx": (845_002, 5),
    "budget_2025.xlsx": (58_300, 21),
    "backup_2023-12-01.tar.gz": (734_003_200, 355),
    "Song - Live at Wembley.mp3": (9_420_110, 410),
    "setup.py": (1_802, 90),
    "requirements.txt": (214, 90),
    "presentation_final_FINAL.pptx": (12_933_120, 44),
    "contract_signed.pdf": (402_112, 130),
    "data_export_2024.csv": (4_400_512, 8),
    "screenshot_2024-05-01.png": (288_110, 206),
    "lecture_recording.mp4": (512_331_776, 70),
    "recipes.txt": (12_020, 500),
    "resume_jane_doe.pdf": (98_212, 150),
    "package.json": (1_412, 33),
    "Makefile": (2_100, 90),
    "index.html": (8_740, 33),
    "styles.css": (4_096, 33),
    "LICENSE": (1_067, 600),
}
CORRECTIONS = {
    "Invoice_2024-03_ACME.pdf": "ACME's invoice for the March plumbing work, paid on 2 April",
    "holiday_photo_lisbon_0412.jpg": "Sunset over Lisbon from the Miradouro, holiday 2024",
}


def make_folder(root: Path) -> Path:
    """A home folder's worth of realistic names (sparse files: sizes without content)."""
    folder = root / "Documents"
    folder.mkdir(parents=True)
    now = time.time()
    for name, (size, age) in FILES.items():
        path = folder / name
        with open(path, "wb") as handle:
            handle.truncate(size)
        os.utime(path, (now - age * DAY, now - age * DAY))
    for sub in ("Photos", "Projects", "Taxes"):
        (folder / sub).mkdir()
    return folder


def set_up(args: argparse.Namespace, prefix: str) -> Path:
    """A fresh data folder (FILESCRIBE_DATA_DIR) and the example home folder under a new temporary folder; the
    output folder made; returns the home folder."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["FILESCRIBE_DATA_DIR"] = str(work / "data")
    args.out.mkdir(parents=True, exist_ok=True)
    return make_folder(work / "home")


def run(args: argparse.Namespace) -> None:
    from PySide6.QtCore import QItemSelectionModel, QModelIndex
    from PySide6.QtWidgets import QApplication, QLineEdit

    from core.describe.states import DESCRIBED
    from core.store import Store
    from desktop_app.gui.corrections_dialog import CorrectionsDialog
    from desktop_app.gui.files.table_model import DESCRIPTION, NAME
    from desktop_app.gui.files.worker import load_engine
    from desktop_app.gui.icons import use_system_icon_theme
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.settings import AppSettings
    from desktop_app.gui.settings_dialog import SettingsDialog

    folder = set_up(args, "filescribe-shots-")
    app = QApplication.instance() or QApplication([])
    app.setApplicationName("FileScribe")
    use_system_icon_theme()
    release = threading.Event()

    def held_engine(settings, store):
        release.wait()
        return load_engine(settings, store)

    settings = AppSettings(model_spec=str(args.model), device="cpu", use_memory=not args.no_memory)
    window = MainWindow(Store.open(), settings, engine_factory=held_engine)
    window.resize(*args.size)
    window.show()
    settle(app)
    save(window, args.out, "welcome.png")

    window.open_folder(str(folder))
    wait_until(app, lambda: window.files.model.rowCount() == len(FILES))
    settle(app)
    save(window, args.out, "loading.png")

    release.set()
    wait_until(app, lambda: window.files.model.count(*DESCRIBED) == len(FILES))
    for name, text in CORRECTIONS.items():
        row = window.files.model.row_of(str(folder / name))
        window.files.model.setData(window.files.model.index(row, DESCRIPTION), text)
    wait_until(app, window.is_settled)
    budget = window.files.model.row_of(str(folder / "budget_2025.xlsx"))
    current = window.files.filter.mapFromSource(window.files.model.index(budget, NAME))
    window.files.table.selectionModel().setCurrentIndex(
        current, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    settle(app)

    window.files.table.edit_current()
    wait_until(app, lambda: window.files.table.findChild(QLineEdit) is not None)
    editor = window.files.table.findChild(QLineEdit)
    editor.setText("Household budget for 2025, one sheet per month")
    settle(app)
    save(window, args.out, "editing.png")
    window.files.table.closeEditor(editor, window.files.table.itemDelegate().EndEditHint.RevertModelCache)

    window.files.update_actions()
    row_menu = window.files.row_actions.menu
    row_menu.popup(window.files.table.rows_area.mapToGlobal(window.files.table.visualRect(current).center()))
    settle(app)
    save(row_menu, args.out, "row-menu.png")
    row_menu.hide()

    window.files.table.setCurrentIndex(QModelIndex())
    window.files.table.clearSelection()
    window.files.search.meaning_action.trigger()
    window.files.search.box.setText("invoices and bills to pay")
    window.files.search.search_by_meaning()
    wait_until(app, lambda: window.files.search.query and window.files.filter.rowCount() < len(FILES), 300)
    settle(app, 1.0)
    save(window, args.out, "search-by-meaning.png")
    window.files.search.meaning_action.trigger()
    window.files.search.box.clear()

    dialog = SettingsDialog(window.settings, window)
    dialog.show()
    settle(app)
    save(dialog, args.out, "settings.png")
    dialog.close()
    corrections = CorrectionsDialog(window.store, window)
    corrections.show()
    settle(app)
    save(corrections, args.out, "corrections.png")
    corrections.close()
    window.close()

    app_screenshot(args, folder, args.out / "described.png")
    window = MainWindow(Store.open(), settings)
    window.resize(*args.size)
    window.show()
    window.open_folder(str(folder))
    wait_until(app, window.is_settled)
    shutil.rmtree(folder)
    wait_until(app, window.files.folder_banner.isVisible, 30)
    settle(app)
    save(window, args.out, "folder-gone.png")
    window.close()


def run_dark(args: argparse.Namespace) -> None:
    """dark.png: every file described, two corrected, one failed, a row selected, the Q&A dock open; dark theme."""
    from PySide6.QtWidgets import QApplication

    from core.describe.states import DESCRIBED
    from core.store import Store
    from desktop_app.gui.files.table_model import DESCRIPTION
    from desktop_app.gui.icons import use_system_icon_theme
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.settings import AppSettings

    folder = set_up(args, "filescribe-dark-")
    app = QApplication.instance() or QApplication([])
    app.setApplicationName("FileScribe")
    use_dark_theme(app)
    use_system_icon_theme()
    settings = AppSettings(model_spec=str(args.model), device="cpu", use_memory=not args.no_memory)
    window = MainWindow(Store.open(), settings)
    window.resize(*args.size)
    window.show()
    window.open_folder(str(folder))
    model = window.files.model
    wait_until(app, lambda: model.rowCount() == len(FILES) and model.count(*DESCRIBED) == len(FILES))
    for name, text in CORRECTIONS.items():
        model.setData(model.index(model.row_of(str(folder / name)), DESCRIPTION), text)
    wait_until(app, window.is_settled)
    settle(app, 1.0)  # the rows asked for again after the corrections (their neighbours changed) come back
    wait_until(app, window.is_settled)
    model.set_failed([(str(folder / "LICENSE"), "shown failed for the picture")])
    window.files.table.selectRow(2)
    window.qa_panel.show()
    settle(app, 1.0)
    save(window, args.out, "dark.png")
    window.close()


def app_screenshot(args: argparse.Namespace, folder: Path, target: Path) -> None:
    """`filescribe gui FOLDER --screenshot`: the app renders itself once every file is described."""
    command = [sys.executable, "-c", "import sys; from desktop_app.cli.main import main; sys.exit(main())", "gui",
               str(folder), "--model", str(args.model), "--device", "cpu", "--screenshot", str(target),
               "--size", "x".join(map(str, args.size)), *(["--no-memory"] if args.no_memory else [])]
    subprocess.run(command, check=True, cwd=Path(__file__).resolve().parents[2])
    from PySide6.QtGui import QImage

    save_small(QImage(str(target)), target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="model folder")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--no-memory", action="store_true", help="no similar examples in the model input")
    parser.add_argument("--size", type=int, nargs=2, default=(1280, 720), metavar=("WIDTH", "HEIGHT"))
    parser.add_argument("--dark", action="store_true", help="only dark.png: the Fusion style with a dark palette")
    args = parser.parse_args()
    if args.dark:
        run_dark(args)
    else:
        run(args)


if __name__ == "__main__":
    main()
