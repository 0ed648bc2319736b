"""The Files tab: the open folder's rows with their descriptions, the folders inside it, the banners. It forwards
listing and watching to the folder session, descriptions to the description feed (engine thread)."""
from __future__ import annotations

import gc
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from core.describe.export import write_export
from core.describe.states import DESCRIBED, FAILED, WAITING
from core.files.folder_listing import ListingChange
from core.files.scanner import display_name
from core.store import Store
from desktop_app.gui import shortcuts
from desktop_app.gui.actions import make_action
from desktop_app.gui.files.descriptions import Descriptions
from desktop_app.gui.files.export import choose_export_file
from desktop_app.gui.files.feed import DescriptionFeed
from desktop_app.gui.files.filter import FileFilter
from desktop_app.gui.files.folder_list import FolderList
from desktop_app.gui.files.row_actions import RowActions
from desktop_app.gui.files.search import FileSearch
from desktop_app.gui.files.session import FolderSession
from desktop_app.gui.files.table_model import FileTableModel
from desktop_app.gui.files.view import FileTable
from desktop_app.gui.files.welcome import WelcomePage
from desktop_app.gui.files.worker import EngineFactory, EngineInfo, load_engine
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.tasks import TaskRunner
from desktop_app.gui.text_format import printable
from desktop_app.gui.widgets import Banner

FOLDER_PANEL_WIDTH = 170


def shown_path(path: str) -> str:
    """A path as the window writes it."""
    return printable(display_name(path))


def nearest_folder(path: str) -> str:
    """`path`, or its closest ancestor that still exists."""
    while not os.path.isdir(path) and os.path.dirname(path) != path:
        path = os.path.dirname(path)
    return path


class FilesPage(QWidget):
    """One folder at a time; the window places the page's navigation, search and status widgets around it."""

    message = Signal(str, int)  # for the status bar: the text and how long it shows (ms, 0 until replaced)
    folder_opened = Signal(object)  # its path (not str: that would cut a name that is not UTF-8)
    settings_requested = Signal()

    def __init__(self, store: Store, store_tasks: TaskRunner, settings: Callable[[], AppSettings], *,
                 engine_factory: EngineFactory = load_engine, observer_class: type | None = None) -> None:
        super().__init__()
        self.store, self.settings, self.observer_class = store, settings, observer_class
        self.session: FolderSession | None = None
        self.engine_info: EngineInfo | None = None
        self.engine_error: str | None = None
        self._engine_started = False
        self._reload_pending = False
        self._told_polling = False
        self.file_tasks = TaskRunner("files", self)
        self.feed = DescriptionFeed(store, store_tasks, engine_factory, self)
        self.model = FileTableModel(self)
        self.filter = FileFilter(self)
        self.filter.setSourceModel(self.model)
        self.descriptions = Descriptions(self.model, self.feed, self.file_tasks, settings, self)
        self.table = FileTable(self.filter, self.fontMetrics().height() + 10)
        self.search = FileSearch(self.table, self.feed, self)
        self.row_actions = RowActions(self.table, self.descriptions, self)
        self._build_navigation()
        self._build_layout()
        self._build_status()
        self._connect()
        self._show_welcome()
        self.update_actions()
        if store.recovery_notice:
            self.store_banner.show_message(store.recovery_notice)

    # Building ---------------------------------------------------------------------------------

    def _build_navigation(self) -> None:
        sp = QStyle.StandardPixmap
        self.up_action = make_action(self, "Up", self.open_parent, shortcuts.UP, ("go-up",), sp.SP_FileDialogToParent)
        self.refresh_action = make_action(self, "Refresh", self.refresh, shortcuts.REFRESH,
                                          ("view-refresh",), sp.SP_BrowserReload)
        self.export_action = make_action(self, "Export…", self.export_descriptions, None, ("document-save-as",),
                                         sp.SP_DialogSaveButton)
        self.export_action.setToolTip("Save the open folder's descriptions as CSV or JSON lines")
        self.path_bar = QLineEdit()
        self.path_bar.setPlaceholderText("Type a folder path and press Enter")
        self.path_bar.setAccessibleName("Folder path")
        self.path_bar.returnPressed.connect(lambda: self.open_folder(self.path_bar.text()))

    def _build_layout(self) -> None:
        self.store_banner, self.folder_banner = Banner("warning"), Banner("warning")
        self.model_banner, self.info_banner = Banner("error"), Banner("info")
        self.folders = FolderList()
        self.welcome = WelcomePage()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.table)
        splitter = QSplitter()
        splitter.addWidget(self.folders)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([FOLDER_PANEL_WIDTH, 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        for banner in (self.store_banner, self.folder_banner, self.model_banner, self.info_banner):
            layout.addWidget(banner)
        layout.addWidget(splitter, 1)

    def _build_status(self) -> None:
        self.count_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.model_label = QLabel("Model: not loaded yet")
        for label in (self.count_label, self.model_label):
            label.setContentsMargins(8, 0, 8, 0)

    def status_widgets(self) -> list[QWidget]:
        """What the window's status bar shows for this page, left to right."""
        return [self.count_label, self.progress, self.model_label]

    def window_actions(self) -> list[QAction]:
        """The page's actions, for the window to hold: their shortcuts work whichever tab shows."""
        return [self.up_action, self.refresh_action, self.export_action, *self.row_actions.actions(),
                self.search.find_action, self.search.meaning_action]

    def _connect(self) -> None:
        for source in (self.descriptions, self.search, self.row_actions):
            source.message.connect(self.message)
        self.feed.engine_loading.connect(lambda: self.model_label.setText("Model: loading…"))
        self.feed.engine_ready.connect(self._engine_ready)
        self.feed.engine_failed.connect(self._engine_failed)
        self.folders.entered.connect(self.open_folder)
        self.welcome.open_requested.connect(self.choose_folder)
        self.welcome.recent_requested.connect(self.open_folder)
        self.table.selectionModel().selectionChanged.connect(self.update_actions)
        self.row_actions.menu.aboutToShow.connect(self.update_actions)
        self._visible_timer = self._single_shot(60, self._prioritize_visible)
        self._status_timer = self._single_shot(100, self._update_status)
        self.table.verticalScrollBar().valueChanged.connect(self._visible_timer.start)
        for signal in (self.filter.layoutChanged, self.filter.rowsInserted, self.filter.modelReset):
            signal.connect(self._visible_timer.start)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.dataChanged, self.model.modelReset):
            signal.connect(self._status_timer.start)

    def _single_shot(self, msecs: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(msecs)
        timer.timeout.connect(slot)
        return timer

    # Engine -----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """The model loads once the page is on screen, on the engine thread."""
        super().showEvent(event)
        if not self._engine_started:
            self._engine_started = True
            QTimer.singleShot(0, self.load_engine)

    def load_engine(self) -> None:
        """Load the description model on the engine thread (again: Retry)."""
        self.engine_info, self.engine_error = None, None
        self.model_banner.hide()
        gc.unfreeze()  # a model being replaced can be collected
        self.feed.load(self.settings())

    def reload_engine(self) -> None:
        """Another model was chosen: load it, then look up again every description the user did not write."""
        self._reload_pending = True
        self.load_engine()

    def _engine_ready(self, info: EngineInfo) -> None:
        """Show the model; its millions of long-lived objects leave the garbage collector's scans (gc.freeze),
        which cuts the collector's pauses of the event loop from ~130 ms to ~30 ms."""
        gc.freeze()
        self.engine_info = info
        self.model_label.setText(f"Model: {info.name} · {info.device}")
        if info.notice:
            self.info_banner.show_message(info.notice)
        if self._reload_pending:
            self._reload_pending = False
            self.descriptions.look_up_again()
        self._update_status()

    def _engine_failed(self, reason: str) -> None:
        self.engine_error = reason
        self.model_label.setText("Model: not loaded")
        self.model_banner.show_message(f"The description model could not be loaded: {reason}",
                                       [("Settings…", lambda: self.settings_requested.emit()),
                                        ("Retry", self.load_engine)])
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
        self.close_folder()
        self.folder_banner.hide()
        self.search.clear()
        self.model.clear()
        self.feed.clear()
        self.descriptions.undo_stack.clear()
        self.folders.clear()
        settings = self.settings()
        self.session = FolderSession(path, settings.recursive, settings.show_hidden, self.store, self.file_tasks,
                                     self, observer_class=self.observer_class)
        self.session.changed.connect(self._listing_changed)
        self.session.lost.connect(self._folder_lost)
        self.session.notice.connect(self._watch_notice)
        self.session.failed.connect(lambda message: self.message.emit(message, 10000))
        self.session.scanned.connect(self._status_timer.start)
        self.session.start()
        self.folder_opened.emit(path)
        self.path_bar.setText(shown_path(path))
        self.stack.setCurrentWidget(self.table)
        self.folders.show()
        self.update_actions()
        return True

    def close_folder(self) -> None:
        """Stop watching the open folder; its results still on their way are dropped."""
        if self.session is not None:
            self.session.close()
            self.session.deleteLater()
            self.session = None

    def export_descriptions(self) -> None:
        """Write the rows' descriptions to the file the user picks, on the file thread."""
        target = choose_export_file(self, self.session.root) if self.session is not None else None
        if target is None:
            return
        rows = self.model.described_files()
        self.file_tasks.run(lambda: write_export(target, rows),
                            lambda count: self.message.emit(f"Exported {count} descriptions to "
                                                            f"{shown_path(str(target))}", 6000),
                            lambda message: QMessageBox.warning(self, "Export failed", f"Could not write "
                                                                f"{shown_path(str(target))}:\n{message}"))

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
        self.update_actions()

    def _watch_notice(self, notice: str) -> None:
        if not self._told_polling:
            self._told_polling = True
            self.info_banner.show_message(notice)

    def _show_welcome(self) -> None:
        recent = self.settings().recent_folders
        self.welcome.set_recent([(f, shown_path(f)) for f in recent[:5] if os.path.isdir(f)])
        self.stack.setCurrentWidget(self.welcome)
        self.folders.hide()

    # Rows -------------------------------------------------------------------------------------

    def update_actions(self) -> None:
        """Enable what applies to the open folder and the selected rows."""
        session = self.session
        self.up_action.setEnabled(session is not None and os.path.dirname(session.root) != session.root)
        self.refresh_action.setEnabled(session is not None)
        self.export_action.setEnabled(session is not None)
        self.row_actions.update(self.table.selected_rows() if session is not None else [],
                                has_folder=session is not None and not session.is_lost,
                                engine_loaded=self.engine_info is not None)

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

    # Lifetime ---------------------------------------------------------------------------------

    def is_settled(self) -> bool:
        """True when nothing is left to do here: listed, model loaded (or failed), every row described or failed."""
        engine_done = self.engine_info is not None or self.engine_error is not None
        listed = self.session is None or self.session.is_lost or self.session.listed
        return (engine_done and listed and (self.engine_error is not None or not self.model.count(WAITING))
                and not self.file_tasks.busy())

    def shutdown(self) -> None:
        """Stop watching, let the engine finish its batch, wait for the file thread."""
        self.close_folder()
        self.feed.shutdown()
        self.file_tasks.wait()
