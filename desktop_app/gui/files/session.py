"""The open folder: its listing (owned by the file thread), its watchdog watcher and its timers.

Watchdog calls back on its own thread; that only wakes this object by signal. Batches are taken from the
aggregator on the GUI thread when due and applied on the file thread; every result comes back as a
ListingChange for the window to show.
"""
from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from core.files.folder_listing import FolderListing, ListingChange
from core.files.moves import carry_corrections
from core.files.watcher import EventAggregator, FolderWatcher
from core.store import Store
from desktop_app.gui.tasks import TaskRunner

RECONCILE_MS = 30_000  # a cheap rescan (size + mtime) for events the watcher dropped
ROOT_CHECK_MS = 2_000  # the folder itself may be moved away, which inotify does not report


class FolderSession(QObject):
    """One open folder; `close()` ends it (results still on their way are then dropped)."""

    changed = Signal(object)  # ListingChange
    scanned = Signal()  # the first listing is complete
    lost = Signal(str)  # the folder is gone (the reason)
    notice = Signal(str)  # e.g. the inotify limit was hit and polling is used
    failed = Signal(str)
    _events_pending = Signal()

    def __init__(self, root: str, recursive: bool, show_hidden: bool, store: Store, file_tasks: TaskRunner,
                 parent: QObject | None = None, *, observer_class: type | None = None,
                 reconcile_ms: int = RECONCILE_MS, root_check_ms: int = ROOT_CHECK_MS) -> None:
        super().__init__(parent)
        self.root = os.path.abspath(root)
        self.listing = FolderListing(self.root, recursive, show_hidden)
        self.store = store
        self.file_tasks = file_tasks
        self.aggregator = EventAggregator()
        self.watcher = FolderWatcher(self.root, recursive, self.aggregator, self._events_pending.emit,
                                     observer_class=observer_class)
        self.closed = False
        self.listed = False  # the first listing is complete
        self.is_lost = False
        self._flush_timer = self._timer(self._flush, single=True)
        self._reconcile_timer = self._timer(self._reconcile, interval=reconcile_ms)
        self._root_timer = self._timer(self._check_root, interval=root_check_ms)
        self._checking = False
        self._events_pending.connect(self._schedule_flush)

    def _timer(self, slot: Callable[[], None], *, single: bool = False, interval: int = 0) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(single)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    def start(self) -> None:
        """List the folder (in chunks, the first screen first), then start watching it."""
        self.file_tasks.stream(self._scan, self._show, lambda _: self._scan_done(), self._fail)

    def _scan(self, report: Callable[[ListingChange], None]) -> None:
        """On the file thread: each chunk of the first listing is reported as it is read."""
        for change in self.listing.scan():
            report(change)

    def _scan_done(self) -> None:
        if self.closed or self.is_lost:
            return
        self.listed = True
        self.scanned.emit()
        try:
            notice = self.watcher.start()
        except OSError as exc:
            self.failed.emit(f"Live updates are off for this folder: {exc.strerror or exc}")
        else:
            if notice:
                self.notice.emit(notice)
        self._reconcile_timer.start()
        self._root_timer.start()

    def close(self) -> None:
        """Stop watching; later results of this session are ignored."""
        self.closed = True
        for timer in (self._flush_timer, self._reconcile_timer, self._root_timer):
            timer.stop()
        self.watcher.stop()

    @property
    def polling(self) -> bool:
        return self.watcher.polling

    def _show(self, change: ListingChange) -> None:
        """A change computed on the file thread, shown unless the session ended meanwhile."""
        if self.closed or not change:
            return
        self.changed.emit(change)
        if change.root_missing and not self.is_lost:
            self.is_lost = True
            self.close()
            self.lost.emit(change.root_missing)

    def _fail(self, message: str) -> None:
        if not self.closed:
            self.failed.emit(message)

    def _schedule_flush(self) -> None:
        """Events arrived: take the aggregator's batch when it is due."""
        wait = self.aggregator.seconds_until_due()
        if wait is not None and not self.closed:
            self._flush_timer.start(int(wait * 1000) + 1)

    def _flush(self) -> None:
        batch = self.aggregator.take_due()
        if batch is not None:
            listing, store = self.listing, self.store

            def apply() -> ListingChange:
                carry_corrections(store, batch.moves)  # before the new paths look for their corrections
                return listing.apply(batch)

            self.file_tasks.run(apply, self._show, self._fail)
        self._schedule_flush()

    def _reconcile(self) -> None:
        self.file_tasks.run(self.listing.reconcile, self._show, self._fail)

    def _check_root(self) -> None:
        """Cheap: one stat on the file thread; skipped while the previous check is still queued."""
        if self._checking:
            return
        self._checking = True
        self.file_tasks.run(self.listing.check_root, self._root_checked, self._root_check_failed)

    def _root_checked(self, change: ListingChange) -> None:
        self._checking = False
        self._show(change)

    def _root_check_failed(self, message: str) -> None:
        self._checking = False
        self._fail(message)
