"""The files shown for one folder, kept current by scans and watch batches (names and metadata only)."""
from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field

from core.files.scanner import SKIPPED_DIRS, FileEntry, display_name, entry_of, is_hidden, scan
from core.files.watcher import WatchBatch, is_within


@dataclass(frozen=True)
class Subfolder:
    """A folder directly inside the root that the user can enter."""

    path: str
    name: str  # display name


@dataclass
class ListingChange:
    """How the listing changed: files added, changed (size, time, kind, error) or removed."""

    added: list[FileEntry] = field(default_factory=list)
    updated: list[FileEntry] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    subfolders: list[Subfolder] | None = None  # the root's subfolders, when they changed
    root_missing: str | None = None  # why the root cannot be listed any more

    def __bool__(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.subfolders is not None or self.root_missing)


def list_subfolders(root: str, show_hidden: bool) -> list[Subfolder]:
    """Real folders (never links) directly inside `root`, by name."""
    with os.scandir(root) as items:
        found = [Subfolder(item.path, display_name(item.name)) for item in items
                 if item.is_dir(follow_symlinks=False) and (show_hidden or not is_hidden(item.name))]
    return sorted(found, key=lambda folder: folder.name.casefold())


def kind_of(mode: int) -> str | None:
    """The listed kind of a file mode ("file", "link", "special"), None for folders."""
    if stat.S_ISDIR(mode):
        return None
    return "file" if stat.S_ISREG(mode) else "link" if stat.S_ISLNK(mode) else "special"


def listing_order(entry: FileEntry) -> tuple[str, str]:
    """The order of a file manager's list: by shown path, ignoring case (the real path breaks ties)."""
    return entry.relative.casefold(), entry.path


def same_metadata(a: FileEntry, b: FileEntry) -> bool:
    """True when nothing the listing shows differs (size, time, kind, error)."""
    return (a.size, a.mtime, a.kind, a.error) == (b.size, b.mtime, b.kind, b.error)


class FolderListing:
    """Entries of one root, one level deep or recursive; every update is a ListingChange to show.

    Not thread-safe: one worker thread owns it.
    """

    def __init__(self, root: str, recursive: bool = False, show_hidden: bool = False) -> None:
        self.root = os.path.abspath(root)
        self.recursive = recursive
        self.show_hidden = show_hidden
        self.entries: dict[str, FileEntry] = {}
        self.subfolders: list[Subfolder] = []
        self._real_root = os.path.realpath(self.root)

    def scan(self, first_chunk: int = 200, chunk: int = 2000) -> Iterator[ListingChange]:
        """The first listing in chunks: a small one first, so that the first screen shows at once.

        One level deep the chunks come in listing order, so that every chunk lands below the previous ones;
        recursively, they come as the folders are read.
        """
        self.entries.clear()
        pending: list[FileEntry] = []
        limit = first_chunk
        try:
            found = scan(self.root, True, self.show_hidden) if self.recursive else self._children_in_order()
            for entry in found:
                pending.append(entry)
                if len(pending) >= limit:
                    yield self._added(pending)
                    pending, limit = [], chunk
            self.subfolders = list_subfolders(self.root, self.show_hidden)
        except OSError as exc:
            yield self._root_lost(exc)
            return
        last = self._added(pending)
        last.subfolders = self.subfolders
        yield last

    def _children_in_order(self) -> Iterator[FileEntry]:
        """The files directly in the root in listing order: names sorted first, each file stat'ed as it comes."""
        with os.scandir(self.root) as items:
            children = sorted((item for item in items if self.show_hidden or not is_hidden(item.name)),
                              key=lambda item: (display_name(item.name).casefold(), item.path))
        for item in children:
            if not item.is_dir(follow_symlinks=False) and (entry := entry_of(item, self.root)) is not None:
                yield entry

    def _added(self, entries: list[FileEntry]) -> ListingChange:
        self.entries.update((entry.path, entry) for entry in entries)
        return ListingChange(added=entries)

    def _root_lost(self, exc: OSError) -> ListingChange:
        """Every entry goes; the reason is shown to the user."""
        removed = list(self.entries)
        self.entries.clear()
        self.subfolders = []
        reason = exc.strerror or str(exc)
        return ListingChange(removed=removed, subfolders=[], root_missing=reason)

    def check_root(self) -> ListingChange:
        """Empty while the root is still a folder; otherwise the change that empties the listing."""
        try:
            if stat.S_ISDIR(os.stat(self.root).st_mode):
                return ListingChange()
            raise NotADirectoryError(20, "Not a directory")
        except OSError as exc:
            return self._root_lost(exc)

    def reconcile(self) -> ListingChange:
        """Compare a fresh scan with the listing (size and mtime): catches events the watcher dropped."""
        return self.apply(WatchBatch(full=True))

    def apply(self, batch: WatchBatch) -> ListingChange:
        """Bring the listing up to date with a watch batch: rescan its folders, look at its paths."""
        change = self.check_root()
        if change:
            return change
        try:
            folders = {self.root} if batch.full else {f for f in batch.folders if self._scans_content_of(f)}
            for folder in folders:
                self._merge(change, self._entries_below(folder), self._scan_folder(folder))
            paths = [p for p in batch.paths | batch.folders if not any(self._covers(f, p) for f in folders)]
            self._merge(change, {p: self.entries[p] for p in paths if p in self.entries},
                        {e.path: e for e in map(self.entry_at, paths) if e is not None})
            if batch.full or batch.folders:
                subfolders = list_subfolders(self.root, self.show_hidden)
                if subfolders != self.subfolders:
                    self.subfolders = change.subfolders = subfolders
        except OSError as exc:  # the root went away while we looked
            return self._root_lost(exc)
        return change

    def _scans_content_of(self, folder: str) -> bool:
        """True when a rescan of `folder` can change the listed files."""
        return folder == self.root or (self.recursive and is_within(folder, self.root) and self._in_scope(folder))

    def _covers(self, folder: str, path: str) -> bool:
        """True when rescanning `folder` lists `path` again."""
        return path != folder and (os.path.dirname(path) == folder or (self.recursive and is_within(path, folder)))

    def _entries_below(self, folder: str) -> dict[str, FileEntry]:
        return {p: e for p, e in self.entries.items() if self._covers(folder, p)}

    def _scan_folder(self, folder: str) -> dict[str, FileEntry]:
        """A fresh scan of `folder` with paths shown relative to the root; empty if it is gone."""
        try:
            if folder != self.root and not stat.S_ISDIR(os.lstat(folder).st_mode):
                return {}
            entries = scan(folder, self.recursive, self.show_hidden)
            if folder == self.root:
                return {e.path: e for e in entries}
            return {e.path: dataclasses.replace(e, relative=self._relative(e.path)) for e in entries}
        except OSError:
            if folder == self.root:
                raise
            return {}

    def _merge(self, change: ListingChange, old: dict[str, FileEntry], new: dict[str, FileEntry]) -> None:
        """Record and apply the difference between the old and new entries of one part of the listing."""
        for path, entry in new.items():
            previous = old.get(path)
            if previous is None:
                change.added.append(entry)
            elif not same_metadata(previous, entry):
                change.updated.append(entry)
            self.entries[path] = entry
        gone = [path for path in old if path not in new]
        for path in gone:
            del self.entries[path]
        change.removed.extend(gone)

    def _relative(self, path: str) -> str:
        return display_name(os.path.relpath(path, self.root))

    def _in_scope(self, path: str) -> bool:
        """True when `path` belongs in this listing: inside the root, not hidden, never behind a link."""
        if path == self.root or not is_within(path, self.root):
            return False
        parts = os.path.relpath(path, self.root).split(os.sep)
        if not self.recursive and len(parts) != 1:
            return False
        if not self.show_hidden and any(is_hidden(part) for part in parts):
            return False
        if any(part in SKIPPED_DIRS for part in parts[:-1]):
            return False
        return len(parts) == 1 or os.path.realpath(os.path.dirname(path)) == os.path.join(self._real_root, *parts[:-1])

    def entry_at(self, path: str) -> FileEntry | None:
        """The entry of one path if it is a file in scope, None otherwise (gone, a folder, out of scope)."""
        if not self._in_scope(path):
            return None
        name = display_name(os.path.basename(path))
        try:
            info = os.lstat(path)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            return FileEntry(path, name, self._relative(path), 0, 0.0, "file", exc.strerror or str(exc))
        kind = kind_of(info.st_mode)
        if kind is None:
            return None
        return FileEntry(path, name, self._relative(path), info.st_size, info.st_mtime, kind)
