"""Entries: files and folders without permission, broken links, link loops, links out of the folder, FIFOs,
device nodes and a 5 GB sparse file. Names and metadata are read; no file is ever opened, no link followed."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from core.describe.states import GENERATED
from core.files.comments import COMMENT_ATTRIBUTE
from desktop_app.gui.settings import AppSettings, save_settings
from tests.reliability.conftest import ROOT, AppProcess, gui_options, unprivileged

SPARSE_SIZE = 5 * 1024**3
CLI = "import sys; from desktop_app.cli.main import main; sys.exit(main())"


def comment_of(path: Path) -> bytes | None:
    try:
        return os.getxattr(path, COMMENT_ATTRIBUTE, follow_symlinks=False)
    except OSError:
        return None


@pytest.fixture()
def restricted(tmp_path: Path) -> Path:
    """A folder with a file nobody may read, a folder nobody may enter and one whose entries cannot be stat'ed."""
    root = tmp_path / "shared"
    (root / "private").mkdir(parents=True)
    (root / "private" / "salaries.xlsx").write_text("x")
    (root / "listable").mkdir()
    (root / "listable" / "names-only.txt").write_text("x")
    (root / "locked.txt").write_text("x")
    (root / "notes.txt").write_text("x")
    (root / "locked.txt").chmod(0)
    (root / "private").chmod(0)
    (root / "listable").chmod(stat.S_IRUSR)  # readable, not searchable: names without metadata
    yield root
    for folder in (root / "private", root / "listable"):
        folder.chmod(stat.S_IRWXU)


@pytest.mark.slow
def test_files_and_folders_without_permission(restricted: Path, tiny_model_dir: Path) -> None:
    save_settings(AppSettings(recursive=True))
    app = AppProcess("report", {"open": str(restricted / "private")}, gui_options(restricted, tiny_model_dir),
                     prefix=unprivileged())
    listed = {row["path"]: row for row in app.event("report")["rows"]}
    lost = app.event("opened")
    assert app.exit_code() == 0
    # The unreadable file is listed and described from its name; the folder that cannot be entered is left out.
    assert set(listed) == {str(restricted / name) for name in ("locked.txt", "notes.txt", "listable/names-only.txt")}
    assert {row["state"] for row in listed.values()} == {GENERATED}
    assert lost["rows"] == []
    assert "cannot be listed (Permission denied)" in lost["banners"]["folder_banner"]
    command = [*unprivileged(), sys.executable, "-c", CLI, "describe", "-q", "--model", str(tiny_model_dir),
               "--no-memory", str(restricted / "private")]
    refused = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1
    assert refused.stderr.strip() == f"filescribe: error: {restricted / 'private'}: Permission denied"


@pytest.fixture()
def odd_entries(tmp_path: Path) -> Path:
    """Links of every kind, a FIFO, a device node (when root may make one) and a 5 GB sparse file."""
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("outside the root")
    (root / "notes.txt").write_text("x")
    (root / "dangling").symlink_to(tmp_path / "missing")
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "ping").symlink_to(root / "pong")
    (root / "pong").symlink_to(root / "ping")
    (root / "escape").symlink_to(outside, target_is_directory=True)
    (root / "secret-link.txt").symlink_to(outside / "secret.txt")
    os.mkfifo(root / "pipe")
    if os.geteuid() == 0:
        os.mknod(root / "device", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    with open(root / "disk.img", "wb") as handle:
        handle.truncate(SPARSE_SIZE)
    return root


def test_links_pipes_devices_and_huge_files_are_listed_never_opened(odd_entries: Path, tiny_model_dir: Path) -> None:
    save_settings(AppSettings(recursive=True, write_comments=True))
    outside = odd_entries.parent / "outside"
    live = [["fifo", "pipe-2", ""], ["symlink", "escape-2", str(outside)], ["file", "late.txt", ""]]
    app = AppProcess("report", {"audit": [str(odd_entries), str(outside)], "then": live},
                     gui_options(odd_entries, tiny_model_dir))
    found = app.event("report")
    assert app.exit_code() == 0
    rows = {Path(row["path"]).name: row for row in found["rows"]}
    expected = {"notes.txt", "dangling", "loop", "ping", "pong", "escape", "secret-link.txt", "pipe", "disk.img",
                "pipe-2", "escape-2", "late.txt"} | ({"device"} if os.geteuid() == 0 else set())
    assert set(rows) == expected  # nothing behind a link: no secret.txt, no second copy of the root
    assert all(row["state"] == GENERATED for row in rows.values())
    assert found["opened"] == []  # not one open() below the folders, be it a FIFO, a device or the 5 GB file
    kinds = {name: row["kind"] for name, row in rows.items()}
    assert kinds["pipe"] == kinds["pipe-2"] == "special" and kinds["escape"] == kinds["ping"] == "link"
    assert comment_of(odd_entries / "disk.img") and comment_of(odd_entries / "notes.txt")
    assert comment_of(outside / "secret.txt") is None  # the comment writer never follows a link
    assert found["banners"] == {}
