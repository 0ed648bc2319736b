"""Where rows get their descriptions: corrections from the store first, the rest through the description
queue and the engine thread. The user's corrections are written on the store thread.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QThread, Signal

from core.describe.annotation_jobs import corrections_of
from core.describe.description_queue import BACKGROUND, URGENT, DescriptionQueue
from core.describe.states import CORRECTED
from core.store import Correction, Store
from desktop_app.gui.files.worker import EngineFactory, EngineInfo, EngineWorker, load_engine
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.tasks import TaskRunner

Files = Sequence[tuple[str, str]]  # (path, filename)


class DescriptionFeed(QObject):
    """Forwards rows to core and results back to the window; owns the engine thread."""

    described = Signal(object)  # list[tuple[path, description, source]]
    failed = Signal(object)  # list[tuple[path, reason]]
    engine_loading = Signal()
    engine_ready = Signal(object)  # EngineInfo
    engine_failed = Signal(str)
    searched = Signal(str, object)
    search_failed = Signal(str, str)
    _load = Signal(object)
    _wake = Signal()
    _search = Signal(str, object)

    def __init__(self, store: Store, store_tasks: TaskRunner, factory: EngineFactory = load_engine,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.store_tasks = store_tasks
        self.queue = DescriptionQueue()
        self.annotator = None
        self._thread = QThread(self)
        self._thread.setObjectName("engine")
        self._worker = EngineWorker(self.queue, store, factory)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.yield_to_the_window)
        self._load.connect(self._worker.load)
        self._wake.connect(self._worker.wake)
        self._search.connect(self._worker.search)
        self._worker.ready.connect(self._on_ready)
        self._worker.load_failed.connect(self.engine_failed)
        self._worker.described.connect(self.described)
        self._worker.failed.connect(self.failed)
        self._worker.searched.connect(self.searched)
        self._worker.search_failed.connect(self.search_failed)
        self._thread.start()

    def load(self, settings: AppSettings) -> None:
        """Load the model on the engine thread (again, after the settings changed)."""
        self.annotator = None
        self.engine_loading.emit()
        self._load.emit(settings)

    def _on_ready(self, info: EngineInfo, annotator) -> None:
        self.annotator = annotator
        self.engine_ready.emit(info)

    def request(self, files: Files, urgent: bool = False) -> None:
        """Find descriptions for (path, filename) pairs: corrections first, then cache or model in the queue."""
        files = list(files)

        def found(corrected: dict[str, str]) -> None:
            if corrected:
                self.described.emit([(path, text, CORRECTED) for path, text in corrected.items()])
            self.queue.push(((p, f) for p, f in files if p not in corrected), URGENT if urgent else BACKGROUND)
            self._wake.emit()

        self.store_tasks.run(lambda: corrections_of(self.store, [p for p, _ in files]), found,
                             lambda message: self.failed.emit([(p, message) for p, _ in files]))

    def regenerate(self, files: Files) -> None:
        """Run the model again for these files, whatever the cache holds."""
        self.queue.push(files, URGENT, force=True)
        self._wake.emit()

    def prioritize(self, paths: Sequence[str]) -> None:
        """The rows on screen go first."""
        self.queue.prioritize(paths)

    def forget(self, paths: Sequence[str]) -> None:
        """Files that are gone need no description."""
        self.queue.discard(paths)

    def clear(self) -> None:
        """Another folder is opened: drop the waiting work."""
        self.queue.clear()

    def save_correction(self, path: str, filename: str, text: str | None, watched: Files,
                        on_saved: Callable[[Files], None], on_error: Callable[[str], None]) -> None:
        """Store (or, for None, forget) the user's description on the store thread, durable when it returns.

        With a model loaded its example memory learns the change too; `on_saved` gets the `watched` files
        whose model input the change moved (new neighbours), whose descriptions are to be found again.
        """
        annotator = self.annotator

        def save() -> Files:
            if annotator is None:
                if text is None:
                    self.store.delete_correction(path)
                else:
                    self.store.save_correction(path, filename, text)
                return []
            from core.describe.annotator import Item

            item, files = Item(path, filename), [Item(p, f) for p, f in watched]
            changed = annotator.revert_correction(item, files) if text is None else \
                annotator.save_correction(item, text, files)
            return [(i.path, i.filename) for i in changed]

        self.store_tasks.run(save, on_saved, on_error)

    def delete_corrections(self, corrections: Sequence[Correction], watched: Files,
                           on_deleted: Callable[[Files], None], on_error: Callable[[str], None]) -> None:
        """Forget corrections by id (imported ones too) on the store thread; `on_deleted` as for save_correction."""
        annotator = self.annotator

        def delete() -> Files:
            if annotator is None:
                self.store.delete_corrections(c.id for c in corrections)
                return []
            from core.describe.annotator import Item

            changed = annotator.delete_corrections(corrections, [Item(p, f) for p, f in watched])
            return [(i.path, i.filename) for i in changed]

        self.store_tasks.run(delete, on_deleted, on_error)

    def search(self, query: str, texts: dict[str, str]) -> None:
        """Rank descriptions by meaning on the engine thread; the answer comes by `searched`."""
        self._search.emit(query, texts)

    def shutdown(self) -> None:
        """Stop the engine thread once its current batch is done."""
        self.queue.clear()
        self._thread.quit()
        self._thread.wait()
