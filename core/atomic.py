"""Writes that never leave a half-written file: write a new file beside the target, fsync it, rename it over.

The one writer of whole files in FileScribe. New files get the permissions of any file the process creates
(0o666 less the umask), whatever the old file had; on any error the old file stays as it was and the
temporary file is removed.
"""
from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

NEW_FILE_MODE = 0o666  # the kernel takes the umask off, as for open(path, "w")


def write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """`write` fills a new binary file (np.savez, figure.savefig, ...) that then replaces `path` in one rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = create_beside(path)
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_text_atomically(path: Path, lines: Iterable[str]) -> None:
    """Write `lines` as UTF-8 (no newline translation) so that readers see the old file or the whole new one."""
    write_atomically(path, lambda out: out.writelines(line.encode("utf-8") for line in lines))


def create_beside(path: Path) -> tuple[int, Path]:
    """A new hidden file `.NAME.RANDOM.tmp` in `path`'s folder, open for writing: its descriptor and path."""
    while True:
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), NEW_FILE_MODE), temp
        except FileExistsError:
            continue
