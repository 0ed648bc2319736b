"""The main window: the shell around the Files and Training tabs and the Python Q&A dock. It holds the menus,
the toolbar, the status bar, the settings and the app's dialogs; each tab does its own work."""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QTabWidget, QToolButton

from core.files.scanner import display_name
from core.store import Store
from desktop_app.gui import shortcuts
from desktop_app.gui.actions import make_action
from desktop_app.gui.corrections_dialog import CorrectionsDialog, export_corrections
from desktop_app.gui.error_report import open_log_folder_action
from desktop_app.gui.files.page import FilesPage, shown_path
from desktop_app.gui.files.worker import EngineFactory, load_engine
from desktop_app.gui.icons import themed
from desktop_app.gui.qa.panel import QAPanel
from desktop_app.gui.refcount_guard import protect_singletons
from desktop_app.gui.settings import AppSettings, save_settings
from desktop_app.gui.settings_dialog import SettingsDialog
from desktop_app.gui.tasks import TaskRunner
from desktop_app.gui.text_format import printable
from desktop_app.gui.training.runs import RunRegistry
from desktop_app.gui.training.tab import TrainingTab
from desktop_app.gui.window_state import restore_window_state, save_window_state, window_state_file

APP_NAME = "FileScribe"


class MainWindow(QMainWindow):
    """One window: the Files tab browses one folder at a time, the Training tab retrains the model."""

    def __init__(self, store: Store, settings: AppSettings, *, data_dir: Path | None = None,
                 engine_factory: EngineFactory = load_engine, overrides: dict | None = None,
                 observer_class: type | None = None) -> None:
        super().__init__()
        protect_singletons()  # PySide6 6.12 on Python 3.11 leaks references to None/True on every signal
        self.store, self.settings, self.data_dir = store, settings, data_dir
        self.overrides = overrides or {}
        self.store_tasks = TaskRunner("store", self)
        self.files = FilesPage(store, self.store_tasks, self.effective_settings, engine_factory=engine_factory,
                               observer_class=observer_class)
        self._build_actions()
        self._build_toolbar()
        self._build_tabs()
        self._build_status()
        self.qa_panel = QAPanel(self.effective_settings, data_dir, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.qa_panel)
        self.qa_panel.hide()  # the file list keeps its room until the user opens the panel (toolbar, View menu)
        self._build_toolbar_end()
        self._build_menus()
        self._connect()
        self.setAcceptDrops(True)
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 760)
        self.layout_file = window_state_file(data_dir)
        restore_window_state(self.layout_file, self, self.tabs, self.files.table)
        self.toolbar.setVisible(self.tabs.currentIndex() == 0)
        self.qa_panel.sized = not self.qa_panel.isHidden()  # an open dock keeps the width it was left with

    # Building ---------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.open_action = make_action(self, "Open…", self.files.choose_folder, shortcuts.OPEN,
                                       ("document-open", "folder-open"), sp.SP_DirOpenIcon)
        self.recursive_action = make_action(self, "Include Subfolders", self._toggle_recursive, checkable=True,
                                            icons=("view-list-tree", "folder"), fallback=sp.SP_DirIcon)
        self.recursive_action.setToolTip("Include the files of subfolders")
        self.recursive_action.setChecked(self.settings.recursive)
        self.hidden_action = make_action(self, "Show Hidden Files", self._toggle_hidden, shortcuts.SHOW_HIDDEN,
                                        checkable=True)
        self.hidden_action.setChecked(self.settings.show_hidden)
        self.settings_action = make_action(self, "Settings…", self.edit_settings, shortcuts.SETTINGS,
                                           ("preferences-system", "emblem-system"), sp.SP_FileDialogDetailedView)
        self.corrections_action = make_action(self, "Your Corrections…", self.show_corrections)
        self.export_action = make_action(self, "Export Corrections…", lambda: export_corrections(self, self.store))
        self.quit_action = make_action(self, "Quit", self.close, shortcuts.QUIT)
        self.addActions([self.open_action, self.recursive_action, self.hidden_action, self.settings_action,
                         self.corrections_action, self.export_action, self.quit_action, *self.files.window_actions()])

    def _build_toolbar(self) -> None:
        """The Files tab's navigation and search (the toolbar shows with that tab only)."""
        self.toolbar = toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.open_button = QToolButton()
        self.open_button.setDefaultAction(self.open_action)
        self.open_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.open_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.recent_menu = QMenu("Open Recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.open_button.setMenu(self.recent_menu)
        toolbar.addWidget(self.open_button)
        toolbar.addAction(self.files.up_action)
        toolbar.addAction(self.files.refresh_action)
        toolbar.addWidget(self.files.path_bar)
        toolbar.addAction(self.recursive_action)
        toolbar.addSeparator()
        toolbar.addWidget(self.files.search.box)
        toolbar.addAction(self.files.search.meaning_action)

    def _build_toolbar_end(self) -> None:
        """The Q&A panel's toggle and Settings at the toolbar's end (the panel exists by now)."""
        toolbar = self.toolbar
        toolbar.addSeparator()
        qa_action = self.qa_panel.toggleViewAction()
        qa_action.setIcon(themed(("help-contents", "help-browser"), QStyle.StandardPixmap.SP_MessageBoxQuestion))
        qa_action.setToolTip("Ask Python programming questions, answered from Python's documentation")
        toolbar.addAction(qa_action)
        toolbar.addAction(self.settings_action)

    def _build_tabs(self) -> None:
        self.training = TrainingTab(self.store, self.store_tasks, RunRegistry.open(self.data_dir),
                                    self.effective_settings)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Files and Training")
        self.tabs.addTab(self.files, "Files")
        self.tabs.addTab(self.training, "Training")
        self.tabs.setTabToolTip(1, "Retrain the model on your corrections and compare it with the one in use")
        self.setCentralWidget(self.tabs)

    def _build_status(self) -> None:
        status = self.statusBar()
        for widget in self.files.status_widgets():
            status.addPermanentWidget(widget)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        rows, search = self.files.row_actions, self.files.search
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.open_action)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.files.export_action)
        file_menu.addSeparator()
        file_menu.addActions([self.corrections_action, self.export_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([rows.undo, rows.redo])
        edit_menu.addSeparator()
        edit_menu.addActions([rows.edit, rows.copy, rows.regenerate, rows.revert])
        edit_menu.addSeparator()
        edit_menu.addActions([search.find_action, self.settings_action])
        view_menu = bar.addMenu("&View")
        view_menu.addActions([self.files.up_action, self.files.refresh_action, self.recursive_action,
                              self.hidden_action])
        view_menu.addAction(self.qa_panel.toggleViewAction())
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(open_log_folder_action(self))

    def _connect(self) -> None:
        self.files.message.connect(self.statusBar().showMessage)
        self.files.folder_opened.connect(self._folder_opened)
        self.files.settings_requested.connect(self.edit_settings)
        self.tabs.currentChanged.connect(lambda index: self.toolbar.setVisible(index == 0))
        self.training.activate_requested.connect(self.use_model)

    # Folders ----------------------------------------------------------------------------------

    def open_folder(self, folder: str) -> bool:
        """Open `folder` in the Files tab; False (with a banner) if it is not a folder."""
        return self.files.open_folder(folder)

    def _folder_opened(self, path: str) -> None:
        """The folder joins the recent ones and names the window."""
        self.settings.remember_folder(path)
        self._save_settings()
        self.setWindowTitle(f"{printable(display_name(os.path.basename(path) or path))} — {APP_NAME}")

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for folder in self.settings.recent_folders:
            action = self.recent_menu.addAction(shown_path(folder))
            action.setEnabled(os.path.isdir(folder))
            action.triggered.connect(lambda _=False, f=folder: self.open_folder(f))
        self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction("Clear Recent Folders")
        clear.setEnabled(bool(self.settings.recent_folders))
        clear.triggered.connect(self._clear_recent)

    def _clear_recent(self) -> None:
        self.settings.recent_folders = []
        self._save_settings()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """A dropped folder is opened; a dropped file opens its folder."""
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_folder(paths[0] if os.path.isdir(paths[0]) else os.path.dirname(paths[0]))

    # Settings ---------------------------------------------------------------------------------

    def effective_settings(self) -> AppSettings:
        """The saved settings with this session's command-line overrides."""
        return dataclasses.replace(self.settings, **self.overrides)

    def _save_settings(self) -> None:
        """Written on the store thread (an fsync), in order; a failure is reported, never fatal."""
        snapshot = dataclasses.replace(self.settings, recent_folders=list(self.settings.recent_folders))
        self.store_tasks.run(lambda: save_settings(snapshot, self.data_dir), on_error=lambda message:
                             self.statusBar().showMessage(f"Could not save the settings: {message}", 8000))

    def edit_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            self.apply_settings(dialog.settings())

    def apply_settings(self, new: AppSettings) -> None:
        """Persist new settings and do what they need: another model, another listing, comments written."""
        old, self.settings = self.settings, new
        self._save_settings()
        self.recursive_action.setChecked(new.recursive)
        self.hidden_action.setChecked(new.show_hidden)
        if new.reloads_model(old):
            self.files.reload_engine()
            self.training.set_model_spec(self.effective_settings().model_spec)
        if new.relists(old):
            self.files.refresh()
        elif new.write_comments and not old.write_comments:
            self.files.descriptions.write_all_comments()

    def use_model(self, spec: str) -> None:
        """Describe with the model `spec` from now on (saved; a --model given on the command line gives way)."""
        self.overrides.pop("model_spec", None)
        self.apply_settings(dataclasses.replace(self.settings, model_spec=spec))

    def _toggle_recursive(self) -> None:
        self.apply_settings(dataclasses.replace(self.settings, recursive=self.recursive_action.isChecked()))

    def _toggle_hidden(self) -> None:
        self.apply_settings(dataclasses.replace(self.settings, show_hidden=self.hidden_action.isChecked()))

    def show_corrections(self) -> None:
        CorrectionsDialog(self.store, self.files.descriptions.delete_corrections, self).exec()

    # Lifetime ---------------------------------------------------------------------------------

    def is_settled(self) -> bool:
        """True when nothing is left to do: listed, model loaded (or failed), every row described or failed."""
        return self.files.is_settled() and not self.store_tasks.busy()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop a training run (if the user agrees), stop watching, let the engine finish its batch, wait for the
        stores' writes (out of sight)."""
        if not self.training.confirm_close():
            event.ignore()
            return
        save_window_state(self.layout_file, self, self.tabs, self.files.table)
        self.hide()
        self.files.shutdown()
        self.qa_panel.shutdown()
        self.store_tasks.wait()
        super().closeEvent(event)
