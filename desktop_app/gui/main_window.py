"""The main window. It shows state and forwards what the user does: listing and watching to the folder
session, descriptions to the description feed (engine thread), corrections to the store.
"""
from __future__ import annotations

import dataclasses
import gc
import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.files.comments import write_comments
from core.files.folder_listing import ListingChange
from core.files.scanner import display_name
from core.store import Store
from desktop_app.gui.actions import make_action
from desktop_app.gui.corrections_dialog import CorrectionsDialog, export_corrections
from desktop_app.gui.files.desktop_integration import open_with_desktop, show_in_file_manager
from desktop_app.gui.files.feed import DescriptionFeed
from desktop_app.gui.files.filter import FileFilter
from desktop_app.gui.files.folder_list import FolderList
from desktop_app.gui.files.session import FolderSession
from desktop_app.gui.files.table_model import CORRECTED, DESCRIBED, FAILED, WAITING, FileTableModel
from desktop_app.gui.files.view import FileTable
from desktop_app.gui.files.welcome import WelcomePage
from desktop_app.gui.files.worker import EngineFactory, EngineInfo, load_engine
from desktop_app.gui.icons import themed
from desktop_app.gui.qa.panel import QAPanel
from desktop_app.gui.refcount_guard import protect_singletons
from desktop_app.gui.settings import AppSettings, save_settings
from desktop_app.gui.settings_dialog import SettingsDialog
from desktop_app.gui.tasks import TaskRunner
from desktop_app.gui.text_format import printable
from desktop_app.gui.training.runs import RunRegistry
from desktop_app.gui.training.tab import TrainingTab
from desktop_app.gui.widgets import Banner

APP_NAME = "FileScribe"
FOLDER_PANEL_WIDTH = 170


def shown_path(path: str) -> str:
    """A path as the window writes it."""
    return printable(display_name(path))


class MainWindow(QMainWindow):
    """One window browsing one folder at a time."""

    def __init__(self, store: Store, settings: AppSettings, *, data_dir: Path | None = None,
                 engine_factory: EngineFactory = load_engine, overrides: dict | None = None,
                 observer_class: type | None = None) -> None:
        super().__init__()
        protect_singletons()  # PySide6 6.12 on Python 3.11 leaks references to None/True on every signal
        self.store, self.settings, self.data_dir = store, settings, data_dir
        self.overrides = overrides or {}
        self.observer_class = observer_class
        self.session: FolderSession | None = None
        self.engine_info: EngineInfo | None = None
        self.engine_error: str | None = None
        self._engine_started = False
        self._reload_pending = False
        self._told_polling = False
        self._query = ""
        self.file_tasks = TaskRunner("files", self)
        self.store_tasks = TaskRunner("store", self)
        self.feed = DescriptionFeed(store, self.store_tasks, engine_factory, self)
        self.model = FileTableModel(self)
        self.filter = FileFilter(self)
        self.filter.setSourceModel(self.model)
        self._build_actions()
        self._build_toolbar()
        self._build_central()
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
        self._update_actions()
        if store.recovery_notice:
            self.store_banner.show_message(store.recovery_notice)

    # Building ---------------------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None, icons: tuple[str, ...] = (),
                fallback: QStyle.StandardPixmap | None = None, checkable: bool = False) -> QAction:
        action = make_action(self, text, slot, shortcut, icons, fallback, checkable)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.open_action = self._action("Open…", self.choose_folder, QKeySequence.StandardKey.Open,
                                        ("document-open", "folder-open"), sp.SP_DirOpenIcon)
        self.up_action = self._action("Up", self.open_parent, "Alt+Up", ("go-up",), sp.SP_FileDialogToParent)
        self.refresh_action = self._action("Refresh", self.refresh, QKeySequence.StandardKey.Refresh,
                                           ("view-refresh",), sp.SP_BrowserReload)
        self.recursive_action = self._action("Include Subfolders", self._toggle_recursive, checkable=True,
                                             icons=("view-list-tree", "folder"), fallback=sp.SP_DirIcon)
        self.recursive_action.setToolTip("Include the files of subfolders")
        self.recursive_action.setChecked(self.settings.recursive)
        self.hidden_action = self._action("Show Hidden Files", self._toggle_hidden, "Ctrl+H", checkable=True)
        self.hidden_action.setChecked(self.settings.show_hidden)
        self.settings_action = self._action("Settings…", self.edit_settings, QKeySequence.StandardKey.Preferences,
                                            ("preferences-system", "emblem-system"), sp.SP_FileDialogDetailedView)
        self.corrections_action = self._action("Your Corrections…", self.show_corrections)
        self.export_action = self._action("Export Corrections…", lambda: export_corrections(self, self.store))
        self.quit_action = self._action("Quit", self.close, QKeySequence.StandardKey.Quit)
        self.edit_action = self._action("Edit Description", lambda: self.table.edit_current(), "F2")
        self.open_file_action = self._action("Open File", self.open_selected, "Ctrl+Return",
                                             ("document-open",), sp.SP_FileIcon)
        self.reveal_action = self._action("Show in File Manager", self.reveal_selected, "Ctrl+Alt+R",
                                          ("system-file-manager", "folder"), sp.SP_DirIcon)
        self.copy_action = self._action("Copy Description", self.copy_selected, QKeySequence.StandardKey.Copy,
                                        ("edit-copy",), sp.SP_FileDialogContentsView)
        self.regenerate_action = self._action("Regenerate", self.regenerate_selected, "Ctrl+R",
                                              ("view-refresh",), sp.SP_BrowserReload)
        self.revert_action = self._action("Revert to Generated", self.revert_selected, None,
                                          ("edit-undo",), sp.SP_ArrowBack)
        self.find_action = self._action("Find", lambda: self.search_box.setFocus(), QKeySequence.StandardKey.Find)
        self.meaning_action = self._action("By meaning", self._toggle_meaning, checkable=True,
                                           icons=("edit-find",), fallback=sp.SP_FileDialogContentsView)
        self.meaning_action.setToolTip("Search descriptions by meaning (MiniLM), best matches first")

    def _build_toolbar(self) -> None:
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
        toolbar.addAction(self.up_action)
        toolbar.addAction(self.refresh_action)
        self.path_bar = QLineEdit()
        self.path_bar.setPlaceholderText("Type a folder path and press Enter")
        self.path_bar.returnPressed.connect(lambda: self.open_folder(self.path_bar.text()))
        toolbar.addWidget(self.path_bar)
        toolbar.addAction(self.recursive_action)
        toolbar.addSeparator()
        self.search_box = QLineEdit()
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(240)
        self.search_box.setMaximumWidth(320)
        toolbar.addWidget(self.search_box)
        toolbar.addAction(self.meaning_action)
        self._update_search_hint()

    def _build_toolbar_end(self) -> None:
        """The Q&A panel's toggle and Settings at the toolbar's end (the panel exists by now)."""
        toolbar = self.toolbar
        toolbar.addSeparator()
        qa_action = self.qa_panel.toggleViewAction()
        qa_action.setIcon(themed(("help-contents", "help-browser"), QStyle.StandardPixmap.SP_MessageBoxQuestion))
        qa_action.setToolTip("Ask Python programming questions, answered from Python's documentation")
        toolbar.addAction(qa_action)
        toolbar.addAction(self.settings_action)

    def _build_central(self) -> None:
        self.folder_banner = Banner("warning")
        self.model_banner = Banner("error")
        self.info_banner = Banner("info")
        self.store_banner = Banner("warning")
        self.table = FileTable(self.filter, self.fontMetrics().height() + 10)
        self.folders = FolderList()
        self.welcome = WelcomePage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.table)
        splitter = QSplitter()
        splitter.addWidget(self.folders)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([FOLDER_PANEL_WIDTH, 1000])
        files_page = QWidget()
        layout = QVBoxLayout(files_page)
        layout.setContentsMargins(6, 6, 6, 0)
        for banner in (self.store_banner, self.folder_banner, self.model_banner, self.info_banner):
            layout.addWidget(banner)
        layout.addWidget(splitter, 1)
        self.training = TrainingTab(self.store, self.store_tasks, RunRegistry.open(self.data_dir),
                                    self.effective_settings)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(files_page, "Files")
        self.tabs.addTab(self.training, "Training")
        self.tabs.setTabToolTip(1, "Retrain the model on your corrections and compare it with the one in use")
        self.setCentralWidget(self.tabs)
        self._show_welcome()

    def _build_status(self) -> None:
        status = self.statusBar()
        self.count_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.model_label = QLabel("Model: not loaded yet")
        for label in (self.count_label, self.model_label):
            label.setContentsMargins(8, 0, 8, 0)
        status.addPermanentWidget(self.count_label)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.model_label)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.open_action)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.corrections_action, self.export_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.edit_action, self.copy_action, self.regenerate_action, self.revert_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.find_action, self.settings_action])
        view_menu = bar.addMenu("&View")
        view_menu.addActions([self.up_action, self.refresh_action, self.recursive_action, self.hidden_action])
        view_menu.addAction(self.qa_panel.toggleViewAction())
        self.row_menu = QMenu(self)
        self.row_menu.addActions([self.edit_action, self.open_file_action, self.reveal_action, self.copy_action])
        self.row_menu.addSeparator()
        self.row_menu.addActions([self.regenerate_action, self.revert_action])

    def _connect(self) -> None:
        self.model.edited.connect(self.save_description)
        self.feed.described.connect(self._show_descriptions)
        self.feed.failed.connect(self.model.set_failed)
        self.feed.engine_loading.connect(lambda: self.model_label.setText("Model: loading…"))
        self.feed.engine_ready.connect(self._engine_ready)
        self.feed.engine_failed.connect(self._engine_failed)
        self.feed.searched.connect(self._searched)
        self.feed.search_failed.connect(lambda query, reason: self.statusBar().showMessage(
            f"Search by meaning failed: {reason}", 8000))
        self.folders.entered.connect(self.open_folder)
        self.tabs.currentChanged.connect(lambda index: self.toolbar.setVisible(index == 0))
        self.training.activate_requested.connect(self.use_model)
        self.welcome.open_requested.connect(self.choose_folder)
        self.welcome.recent_requested.connect(self.open_folder)
        self.table.customContextMenuRequested.connect(self._row_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.search_box.textChanged.connect(self._search_text_changed)
        self.search_box.returnPressed.connect(self._search_entered)
        self._visible_timer = self._single_shot(60, self._prioritize_visible)
        self._status_timer = self._single_shot(100, self._update_status)
        self._filter_timer = self._single_shot(150, self._apply_word_filter)
        self.table.verticalScrollBar().valueChanged.connect(self._visible_timer.start)
        for signal in (self.filter.layoutChanged, self.filter.rowsInserted, self.filter.modelReset):
            signal.connect(self._visible_timer.start)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.dataChanged, self.model.modelReset):
            signal.connect(self._status_timer.start)

    def _single_shot(self, msecs: int, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(msecs)
        timer.timeout.connect(slot)
        return timer

    # Engine -----------------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        """The model loads once the window is on screen, on the engine thread."""
        super().showEvent(event)
        if not self._engine_started:
            self._engine_started = True
            QTimer.singleShot(0, self._load_engine)

    def effective_settings(self) -> AppSettings:
        """The saved settings with this session's command-line overrides."""
        return dataclasses.replace(self.settings, **self.overrides)

    def _load_engine(self) -> None:
        self.engine_info, self.engine_error = None, None
        self.model_banner.hide()
        gc.unfreeze()  # a model being replaced can be collected
        self.feed.load(self.effective_settings())

    def _engine_ready(self, info: EngineInfo) -> None:
        """Show the model; its millions of long-lived objects leave the garbage collector's scans (gc.freeze),
        which cuts the collector's pauses of the event loop from ~130 ms to ~30 ms."""
        gc.freeze()
        self.engine_info = info
        self.model_label.setText(f"Model: {info.name} · {info.device}")
        if info.notice:
            self.info_banner.show_message(info.notice)
        if self._reload_pending:  # another model: every description not written by the user is looked up again
            self._reload_pending = False
            files = self.model.files(lambda row: row.state != CORRECTED)
            self.model.set_waiting(path for path, _ in files)
            self.feed.request(files)
        self._update_status()

    def _engine_failed(self, reason: str) -> None:
        self.engine_error = reason
        self.model_label.setText("Model: not loaded")
        self.model_banner.show_message(f"The description model could not be loaded: {reason}",
                                       [("Settings…", self.edit_settings), ("Retry", self._load_engine)])
        self._update_status()

    # Folders ----------------------------------------------------------------------------------

    def choose_folder(self) -> None:
        start = self.session.root if self.session else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Open a folder", start)
        if folder:
            self.open_folder(folder)

    def open_folder(self, folder: str) -> bool:
        """List `folder`, describe its files and watch it; False (with a banner) if it is not a folder."""
        path = os.path.abspath(os.path.expanduser(folder.strip()))
        if not os.path.isdir(path):
            self.folder_banner.show_message(f"“{shown_path(path)}” is not a folder that can be opened.",
                                            [("Open Another Folder…", self.choose_folder)])
            return False
        self._close_session()
        self.folder_banner.hide()
        self._clear_search()
        self.model.clear()
        self.feed.clear()
        self.folders.clear()
        self.session = FolderSession(path, self.settings.recursive, self.settings.show_hidden, self.store,
                                     self.file_tasks, self, observer_class=self.observer_class)
        self.session.changed.connect(self._listing_changed)
        self.session.lost.connect(self._folder_lost)
        self.session.notice.connect(self._watch_notice)
        self.session.failed.connect(lambda message: self.statusBar().showMessage(message, 10000))
        self.session.scanned.connect(self._status_timer.start)
        self.session.start()
        self.settings.remember_folder(path)
        self._save_settings()
        self.path_bar.setText(shown_path(path))
        self.setWindowTitle(f"{printable(display_name(os.path.basename(path) or path))} — {APP_NAME}")
        self.pages.setCurrentWidget(self.table)
        self.folders.show()
        self._update_actions()
        return True

    def _close_session(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session.deleteLater()
            self.session = None

    def open_parent(self) -> None:
        if self.session is not None:
            self.open_folder(nearest_folder(os.path.dirname(self.session.root)))

    def refresh(self) -> None:
        if self.session is not None:
            self.open_folder(self.session.root)

    def _listing_changed(self, change: ListingChange) -> None:
        """Show a listing change; new files are sent for descriptions (first ones urgently once listed)."""
        if change.removed:
            self.feed.forget(change.removed)
            self.model.remove(change.removed)
        if change.updated:
            self.model.update(change.updated)
        if change.added:
            self.model.add(change.added)
            live = self.session is not None and self.session.listed
            self.feed.request([(e.path, e.name) for e in change.added], urgent=live)
            self._visible_timer.start()
        if change.subfolders is not None:
            self.folders.set_folders(change.subfolders)

    def _folder_lost(self, reason: str) -> None:
        root = self.session.root if self.session else ""
        actions = [("Open Another Folder…", self.choose_folder)]
        parent = nearest_folder(os.path.dirname(root))
        if root and parent != root:
            actions.append((f"Open “{shown_path(os.path.basename(parent) or parent)}”",
                            lambda: self.open_folder(parent)))
        state = "is no longer available" if self.session and self.session.listed else "cannot be listed"
        self.folder_banner.show_message(f"The folder “{shown_path(root)}” {state} ({reason}).", actions)
        self.folders.clear()
        self._update_actions()

    def _watch_notice(self, notice: str) -> None:
        if not self._told_polling:
            self._told_polling = True
            self.info_banner.show_message(notice)

    def _show_welcome(self) -> None:
        self.welcome.set_recent([(f, shown_path(f)) for f in self.settings.recent_folders[:5] if os.path.isdir(f)])
        self.pages.setCurrentWidget(self.welcome)
        self.folders.hide()

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

    # Descriptions -----------------------------------------------------------------------------

    def _show_descriptions(self, found: list[tuple[str, str, str]]) -> None:
        self.model.set_descriptions(found)
        if self.settings.write_comments:
            self._write_comments([(path, text) for path, text, _ in found])

    def _write_comments(self, pairs: list[tuple[str, str]]) -> None:
        """Copy descriptions to the files' comment attribute on the file thread; errors are only reported."""
        files = {row.entry.path for row in map(self.model.row_at, self._rows_of(p for p, _ in pairs))
                 if row.entry.kind == "file"}
        pairs = [(path, text) for path, text in pairs if path in files and text]
        if pairs:
            self.file_tasks.run(lambda: write_comments(pairs), self._comments_written)

    def _comments_written(self, errors: list[str]) -> None:
        if errors:
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            self.statusBar().showMessage(f"Could not write the file comment of {errors[0]}{more}", 10000)

    def _rows_of(self, paths) -> list[int]:
        return [n for n in map(self.model.row_of, paths) if n is not None]

    def save_description(self, path: str, filename: str, text: str) -> None:
        """The user edited a description: stored at once; an emptied one goes back to the model's."""
        number = self.model.row_of(path)
        if number is None:
            return
        if not text:
            if self.model.row_at(number).state == CORRECTED:
                self._revert([(path, filename)])
            return
        self._show_descriptions([(path, text, CORRECTED)])
        self.feed.save_correction(path, filename, text, lambda changed: self._description_saved(filename, changed),
                                  lambda message: self._correction_failed(path, filename, message))

    def _description_saved(self, filename: str, memory_changed: bool) -> None:
        """The correction is on disk: only now does the status bar say it is saved."""
        self.statusBar().showMessage(f"Saved your description of {printable(filename)}", 4000)
        self._correction_saved(memory_changed)

    def _correction_saved(self, memory_changed: bool) -> None:
        """Other files may now have a closer example in the memory: check their descriptions again."""
        if memory_changed:
            self.feed.request(self.model.files(lambda row: row.state not in (CORRECTED, WAITING)))

    def _correction_failed(self, path: str, filename: str, message: str) -> None:
        self.model.set_waiting([path])
        self.feed.request([(path, filename)], urgent=True)
        QMessageBox.warning(self, "Description not saved", f"Your description of {printable(filename)} could not "
                            f"be saved:\n{message}")

    def _revert(self, files: Sequence[tuple[str, str]]) -> None:
        for path, filename in files:
            self.model.set_waiting([path])
            self.feed.save_correction(path, filename, None,
                                      lambda memory_changed, f=(path, filename): self._reverted(f, memory_changed),
                                      lambda message, p=path, f=filename: self._correction_failed(p, f, message))

    def _reverted(self, file: tuple[str, str], memory_changed: bool) -> None:
        self.feed.request([file], urgent=True)
        self._correction_saved(memory_changed)

    # Rows -------------------------------------------------------------------------------------

    def _update_actions(self) -> None:
        rows = self.table.selected_rows() if self.session is not None else []
        has_folder = self.session is not None and not self.session.is_lost
        self.up_action.setEnabled(self.session is not None and os.path.dirname(self.session.root) != self.session.root)
        self.refresh_action.setEnabled(self.session is not None)
        for action in (self.edit_action, self.open_file_action, self.reveal_action):
            action.setEnabled(has_folder and len(rows) == 1)
        self.copy_action.setEnabled(any(row.state in DESCRIBED for row in rows))
        self.regenerate_action.setEnabled(self.engine_info is not None and any(r.state != CORRECTED for r in rows))
        self.revert_action.setEnabled(any(row.state == CORRECTED for row in rows))

    def _row_menu(self, position) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        if not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._update_actions()
        self.row_menu.popup(self.table.rows_area.mapToGlobal(position))

    def open_selected(self) -> None:
        for row in self.table.selected_rows()[:1]:
            if not open_with_desktop(row.entry.path):
                self.statusBar().showMessage(f"No application opens {printable(row.entry.name)}", 6000)

    def reveal_selected(self) -> None:
        for row in self.table.selected_rows()[:1]:
            show_in_file_manager(row.entry.path)

    def copy_selected(self) -> None:
        texts = [row.description for row in self.table.selected_rows() if row.state in DESCRIBED]
        if texts:
            QGuiApplication.clipboard().setText("\n".join(texts))
            self.statusBar().showMessage("Description copied" if len(texts) == 1 else
                                         f"{len(texts)} descriptions copied", 3000)

    def regenerate_selected(self) -> None:
        files = [(r.entry.path, r.entry.name) for r in self.table.selected_rows() if r.state != CORRECTED]
        self.model.set_waiting(path for path, _ in files)
        self.feed.regenerate(files)

    def revert_selected(self) -> None:
        self._revert([(r.entry.path, r.entry.name) for r in self.table.selected_rows() if r.state == CORRECTED])

    def _prioritize_visible(self) -> None:
        """The rows on screen are described first."""
        paths = self.table.visible_paths()
        if paths:
            self.feed.prioritize(paths)

    def _update_status(self) -> None:
        total = self.model.rowCount()
        described, failed = self.model.count(*DESCRIBED), self.model.count(FAILED)
        waiting = self.model.count(WAITING)
        text = f"Described {described} of {total}" if total else ""
        if failed:
            text += f" · {failed} failed"
        self.count_label.setText(text)
        self.progress.setVisible(bool(waiting) and self.engine_error is None)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(described + failed)

    # Search -----------------------------------------------------------------------------------

    def _update_search_hint(self) -> None:
        by_meaning = self.meaning_action.isChecked()
        self.search_box.setPlaceholderText("What are you looking for? (Enter)" if by_meaning
                                           else "Filter by name or description")

    def _toggle_meaning(self) -> None:
        self._update_search_hint()
        if self.meaning_action.isChecked():
            self.filter.set_words("")
            self._search_entered()
        else:
            self._clear_ranking()
            self._apply_word_filter()

    def _search_text_changed(self, text: str) -> None:
        if self.meaning_action.isChecked():
            if not text.strip():
                self._clear_ranking()
            return
        self._filter_timer.start()

    def _apply_word_filter(self) -> None:
        if not self.meaning_action.isChecked():
            self.filter.set_words(self.search_box.text())

    def _search_entered(self) -> None:
        """Rank the described files by meaning (on the engine thread)."""
        query = self.search_box.text().strip()
        if not self.meaning_action.isChecked() or not query:
            return
        self._query = query
        texts = {row.entry.path: row.description for row in map(self.model.row_at, range(self.model.rowCount()))
                 if row.state in DESCRIBED and row.description}
        self.statusBar().showMessage(f"Searching {len(texts)} descriptions for “{query}”…")
        self.feed.search(query, texts)

    def _searched(self, query: str, ranked: list[tuple[str, float]]) -> None:
        if query != self._query or not self.meaning_action.isChecked():
            return
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.table.setSortingEnabled(False)
        self.model.sort_by(dict(ranked))
        self.filter.set_ranking([path for path, _ in ranked])
        found = f"{len(ranked)} files match" if len(ranked) != 1 else "1 file matches"
        self.statusBar().showMessage(f"{found} “{query}”, best first" if ranked
                                     else f"No description is close to “{query}”", 8000)

    def _clear_ranking(self) -> None:
        if self._query:
            self._query = ""
            self.filter.set_ranking(None)
            self.table.setSortingEnabled(True)
            self.table.horizontalHeader().setSortIndicatorShown(True)
            header = self.table.horizontalHeader()
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def _clear_search(self) -> None:
        self._clear_ranking()
        self.search_box.clear()
        self.filter.set_words("")

    # Settings ---------------------------------------------------------------------------------

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
            self._reload_pending = True
            self._load_engine()
            self.training.set_model_spec(self.effective_settings().model_spec)
        if new.relists(old):
            self.refresh()
        elif new.write_comments and not old.write_comments:
            described = [(r.entry.path, r.description) for r in map(self.model.row_at, range(self.model.rowCount()))
                         if r.state in DESCRIBED]
            self._write_comments(described)

    def use_model(self, spec: str) -> None:
        """Describe with the model `spec` from now on (saved; a --model given on the command line gives way)."""
        self.overrides.pop("model_spec", None)
        self.apply_settings(dataclasses.replace(self.settings, model_spec=spec))

    def _toggle_recursive(self) -> None:
        self.apply_settings(dataclasses.replace(self.settings, recursive=self.recursive_action.isChecked()))

    def _toggle_hidden(self) -> None:
        self.apply_settings(dataclasses.replace(self.settings, show_hidden=self.hidden_action.isChecked()))

    def show_corrections(self) -> None:
        CorrectionsDialog(self.store, self).exec()

    # Lifetime ---------------------------------------------------------------------------------

    def is_settled(self) -> bool:
        """True when nothing is left to do: listed, model loaded (or failed), every row described or failed."""
        engine_done = self.engine_info is not None or self.engine_error is not None
        listed = self.session is None or self.session.is_lost or self.session.listed
        return (engine_done and listed and (self.engine_error is not None or not self.model.count(WAITING))
                and not self.file_tasks.busy() and not self.store_tasks.busy())

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop a training run (if the user agrees), stop watching, let the engine finish its batch, wait for the
        stores' writes (out of sight)."""
        if not self.training.confirm_close():
            event.ignore()
            return
        self.hide()
        self._close_session()
        self.feed.shutdown()
        self.qa_panel.shutdown()
        self.file_tasks.wait()
        self.store_tasks.wait()
        super().closeEvent(event)


def nearest_folder(path: str) -> str:
    """`path`, or its closest ancestor that still exists."""
    while not os.path.isdir(path) and os.path.dirname(path) != path:
        path = os.path.dirname(path)
    return path
