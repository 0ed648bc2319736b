"""Descriptions written to user.xdg.comment: written once, errors returned, links untouched."""
from __future__ import annotations

import os
from pathlib import Path

from core.files.comments import COMMENT_ATTRIBUTE, write_comment, write_comments


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
