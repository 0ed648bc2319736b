"""Descriptions written to user.xdg.comment: written once, errors returned, links untouched; offered only where the
system and the file system take them."""
from __future__ import annotations

import errno
import os
from pathlib import Path

from core.files.comments import (
    COMMENT_ATTRIBUTE,
    NO_ATTRIBUTES,
    comments_unsupported,
    write_comment,
    write_comments,
)


def test_the_comment_is_written_and_rewritten_only_when_it_changes(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_text("x")
    assert write_comment(str(target), "a quarterly report") is None
    assert os.getxattr(target, COMMENT_ATTRIBUTE) == b"a quarterly report"
    before = os.stat(target).st_ctime_ns
    assert write_comment(str(target), "a quarterly report") is None
    assert os.stat(target).st_ctime_ns == before


def test_errors_are_returned_not_raised(tmp_path: Path) -> None:
    (tmp_path / "link").symlink_to(tmp_path / "nowhere")
    errors = write_comments([(str(tmp_path / "missing.txt"), "x"), (str(tmp_path / "link"), "x")])
    assert len(errors) == 2 and errors[0].startswith("missing.txt: ")


def test_comments_are_offered_where_the_file_system_takes_them(tmp_path: Path, monkeypatch) -> None:
    assert comments_unsupported(str(tmp_path)) is None  # this Linux machine: user attributes work

    def refused(path, attribute):
        raise OSError(errno.ENOTSUP, "Operation not supported")

    monkeypatch.setattr(os, "getxattr", refused)  # a file system without user attributes (an old tmpfs, FAT)
    assert comments_unsupported(str(tmp_path)) == (f"the file system of {tmp_path} does not accept file comments "
                                                    "(user attributes)")


def test_without_extended_attributes_no_comment_is_attempted(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delattr(os, "setxattr")  # Python on Windows and macOS
    target = tmp_path / "report.pdf"
    target.write_text("x")
    assert comments_unsupported(str(tmp_path)) == NO_ATTRIBUTES
    assert write_comment(str(target), "a quarterly report") == NO_ATTRIBUTES
    assert os.listxattr(target) == []
