"""Copying descriptions to the files' `user.xdg.comment` attribute, which file managers show (Linux: Python offers
extended attributes there only)."""
from __future__ import annotations

import errno
import os
from collections.abc import Iterable

from core.files.scanner import display_name

COMMENT_ATTRIBUTE = "user.xdg.comment"
NO_ATTRIBUTES = "file comments are not supported on this system (it offers no extended file attributes)"


def comments_unsupported(folder: str) -> str | None:
    """Why no file comment can be written in `folder`: a system without extended attributes (Windows, macOS) or a
    file system that refuses user attributes; None when they can be (or it cannot be told)."""
    if not hasattr(os, "setxattr"):
        return NO_ATTRIBUTES
    try:
        os.getxattr(folder, COMMENT_ATTRIBUTE)
    except OSError as exc:
        if exc.errno in (errno.ENOTSUP, errno.EOPNOTSUPP):
            return f"the file system of {display_name(folder)} does not accept file comments (user attributes)"
    return None


def write_comment(path: str, text: str) -> str | None:
    """Set the comment of a regular file unless it already holds `text`; returns an error message or None.

    Links are never followed. Errors (no permission, a file system without user attributes) are
    returned, never raised: the comment is a courtesy to other applications.
    """
    if not hasattr(os, "setxattr"):
        return NO_ATTRIBUTES
    value = text.encode("utf-8", "surrogatepass")
    try:
        if os.getxattr(path, COMMENT_ATTRIBUTE, follow_symlinks=False) == value:
            return None
    except OSError:
        pass  # no comment yet (ENODATA), or unreadable: the write below reports what matters
    try:
        os.setxattr(path, COMMENT_ATTRIBUTE, value, follow_symlinks=False)
    except OSError as exc:
        return f"{display_name(os.path.basename(path))}: {exc.strerror or exc}"
    return None


def write_comments(pairs: Iterable[tuple[str, str]]) -> list[str]:
    """Write (path, text) comments; returns the error messages."""
    return [error for path, text in pairs if (error := write_comment(path, text)) is not None]
