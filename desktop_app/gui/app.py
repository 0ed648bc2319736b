"""Starting the desktop app: the Qt application, the store, the settings and the main window."""
from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

# The window's Qt-free modules (and watchdog) load before PySide6, which reads the source of every module
# imported after it (its feature-switching import hook): 0.5 s less before the first folder shows.
import core.describe.annotation_jobs
import core.describe.description_queue
import core.files.comments
import core.files.folder_listing
import core.files.moves  # noqa: F401
from core.store import Store, default_data_dir
from desktop_app.gui.settings import load_settings
from desktop_app.gui.single_instance import AlreadyRunning

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.single_instance import SingleInstance

APP_NAME = "FileScribe"


def overrides_of(args: argparse.Namespace) -> dict[str, str | bool]:
    """Settings given on the command line for this session only (never saved)."""
    given = {"model_spec": args.model, "device": args.device}
    overrides: dict[str, str | bool] = {name: value for name, value in given.items() if value}
    if args.no_memory:
        overrides["use_memory"] = False
    return overrides


def run_app(args: argparse.Namespace) -> int:
    """Show the window, open the folder (given, else the last one), run until closed; returns the exit code.

    When an app already runs on the data folder, this launch hands its folder to that window and returns 0.
    """
    from PySide6.QtWidgets import QApplication

    from desktop_app.gui.error_report import ErrorReporter
    from desktop_app.gui.icons import app_icon, use_system_icon_theme
    from desktop_app.gui.single_instance import SingleInstance

    app = QApplication.instance() or QApplication([sys.argv[0]])
    ErrorReporter(app, dialogs=QApplication.platformName() != "offscreen").install()
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName("filescribe")
    app.setWindowIcon(app_icon())
    instance = SingleInstance(args.data_dir or default_data_dir())
    if not instance.acquire():
        hand_over(instance, args)
        return 0
    use_system_icon_theme()
    try:
        return show_window(app, args, instance)
    finally:
        instance.release()


def hand_over(instance: SingleInstance, args: argparse.Namespace) -> None:
    """Give the running app this launch's folder; when it does not answer (or this is a screenshot run, which needs
    a window of its own), say so (in a dialog when there is a screen) and raise AlreadyRunning."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMessageBox

    try:
        if args.screenshot is not None:
            raise AlreadyRunning(f"FileScribe is already running with the data folder {instance.data_dir}; "
                                 "a screenshot needs a data folder of its own (--data-dir).")
        instance.hand_over(str(args.folder) if args.folder else None)
    except AlreadyRunning as exc:
        if QGuiApplication.platformName() != "offscreen":
            QMessageBox.warning(None, APP_NAME, str(exc))
        raise


def present(window: MainWindow, folder: str) -> None:
    """A later launch asked for the window: open its folder (if it named one) and bring the window to the front."""
    from PySide6.QtCore import Qt

    if folder:
        window.open_folder(folder)
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def show_window(app: QApplication, args: argparse.Namespace, instance: SingleInstance) -> int:
    """Open the store and the window, run the event loop until the window closes; returns the exit code."""
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.screenshot import SettledShot

    store = Store.open(args.data_dir)
    settings = load_settings(args.data_dir)
    window = MainWindow(store, settings, data_dir=args.data_dir, overrides=overrides_of(args))
    if args.size:
        window.resize(*args.size)
    window.show()
    instance.folder_requested.connect(lambda folder: present(window, folder))
    folder = str(args.folder) if args.folder else next(
        (f for f in settings.recent_folders[:1] if os.path.isdir(f)), None)
    if folder:
        window.open_folder(folder)
    exit_code = 0
    if args.screenshot is not None:
        def done(ok: bool) -> None:
            nonlocal exit_code
            exit_code = 0 if ok else 1
            if not args.quiet:
                state = "saved" if ok else "saved before every file was described (timed out)"
                print(f"screenshot {state}: {args.screenshot}", file=sys.stderr)
            window.close()

        SettledShot(window, window.is_settled, args.screenshot, args.timeout, done)
    code = app.exec()
    store.close()
    return exit_code or code
