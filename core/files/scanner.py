"""Listing the files of a folder: robust to odd names and entries, never following links out of it."""
from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass

SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", ".tox", ".mypy_cache"})


def valid_text(text: str) -> str:
    """`text` as valid Unicode: escaped bytes that are not UTF-8 (and lone surrogates) become U+FFFD."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a lone surrogate that stands for no byte (from a JSON \ud800 escape)
        return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in text)


display_name = valid_text  # a file name as shown: the same repair

# C0 controls as their symbols (\n -> ␊, \t -> ␉); C1 controls (a terminal's 8-bit CSI among them) and the
# bidirectional controls that make "gnp.exe" read as "exe.png" (U+202E) as their code points.
BIDI_CONTROLS = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
SHOWN_CONTROLS: dict[int, int | str] = ({code: 0x2400 + code for code in range(32)} | {127: 0x2421}
                                        | {code: f"<U+{code:04X}>" for code in (*range(0x80, 0xA0), *BIDI_CONTROLS)})


def printable(text: str) -> str:
    """Text on one line that shows what it holds: control characters become visible, never act."""
    return text.translate(SHOWN_CONTROLS)


@dataclass(frozen=True)
class FileEntry:
    """One listed file: its real path, display name, size, mtime and kind."""

    path: str  # the real path (may hold surrogate escapes for non-UTF-8 names)
    name: str  # display name, always valid text
    relative: str  # display path relative to the scanned root
    size: int
    mtime: float
    kind: str  # "file", "link" or "special" (FIFO, socket, device: listed, never opened)
    error: str | None = None


def is_hidden(name: str) -> bool:
    """Dot-files are hidden, as in every Unix file manager."""
    return name.startswith(".")


def entry_of(item: os.DirEntry[str], root: str) -> FileEntry | None:
    """A FileEntry for a directory item, or None for folders; errors become an entry's `error`."""
    relative = display_name(os.path.relpath(item.path, root))
    try:
        info = item.stat(follow_symlinks=False)
    except OSError as exc:
        return FileEntry(item.path, display_name(item.name), relative, 0, 0.0, "file", exc.strerror or str(exc))
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        return None
    kind = "file" if stat.S_ISREG(mode) else "link" if stat.S_ISLNK(mode) else "special"
    return FileEntry(item.path, display_name(item.name), relative, info.st_size, info.st_mtime, kind)


def scan(root: str | os.PathLike[str], recursive: bool = False, show_hidden: bool = False) -> Iterator[FileEntry]:
    """Files under `root` in name order; symlinked folders are never entered, unreadable ones skipped."""
    root_str = os.fspath(root)
    pending = [root_str]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as items:
                children = sorted(items, key=lambda item: item.name)
        except OSError:
            if folder == root_str:
                raise
            continue
        subfolders = []
        for item in children:
            if not show_hidden and is_hidden(item.name):
                continue
            if item.is_dir(follow_symlinks=False):
                if recursive and item.name not in SKIPPED_DIRS:
                    subfolders.append(item.path)
                continue
            entry = entry_of(item, root_str)
            if entry is not None:
                yield entry
        pending.extend(reversed(subfolders))

