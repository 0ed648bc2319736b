"""Store faults: two launches on one store, a damaged SQLite file, `kill -9` right after a correction."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from core.describe.states import CORRECTED
from core.store import STORE_FILENAME, Store
from desktop_app.cli.main import main
from desktop_app.gui.files.table_model import DESCRIPTION
from tests.desktop_app.helpers import names_of, settle
from tests.reliability.conftest import ROOT, AppProcess, gui_options

CLI = "import sys; from desktop_app.cli.main import main; sys.exit(main())"


def integrity(store_file: Path) -> str:
    with sqlite3.connect(store_file) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.mark.slow
def test_a_second_launch_hands_its_folder_to_the_first_window(
    folder: Path, tiny_model_dir: Path, isolated_data_dir: Path, tmp_path: Path
) -> None:
    for number in range(200):
        (folder / f"scan_{number:03}.pdf").write_text("x")
    first = AppProcess("hold", {}, gui_options(folder, tiny_model_dir))
    try:
        # While the window describes the folder, the command line writes to the same store: both succeed.
        assert main(["describe", "-q", "--model", str(tiny_model_dir), "--no-memory", str(folder)]) == 0
        Store.open().save_correction(folder / "holiday_photo.jpg", "holiday_photo.jpg", "the beach, 2023")
        assert len(first.event("ready")["rows"]) == 203
        other = tmp_path / "Other"
        other.mkdir()
        (other / "budget_2025.ods").write_text("x")
        second = subprocess.run([sys.executable, "-c", CLI, "gui", *gui_options(other, tiny_model_dir)],
                                cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, capture_output=True,
                                text=True, timeout=120)
        assert second.returncode == 0, second.stderr
        handed = first.event("handed")  # the first window opened the folder and described it
        assert handed["root"] == str(other) and [row["path"] for row in handed["rows"]] == [
            str(other / "budget_2025.ods")]
        assert first.process.poll() is None  # the first window goes on
    finally:
        first.stop()
    assert integrity(isolated_data_dir / STORE_FILENAME) == "ok"
    assert [c.description for c in Store.open().corrections()] == ["the beach, 2023"]


@pytest.mark.slow
def test_kill_9_right_after_a_correction_keeps_it(folder: Path, tiny_model_dir: Path) -> None:
    invoice = str(folder / "Invoice_2024-03.pdf")
    first = AppProcess("correct", {"path": invoice, "text": "the plumber's invoice"},
                       gui_options(folder, tiny_model_dir))
    first.event("confirmed")
    os.kill(first.pid, signal.SIGKILL)
    assert first.stop() == -signal.SIGKILL
    # The killed app's lock is gone with it: the next start is not refused.
    second = AppProcess("report", {}, gui_options(folder, tiny_model_dir))
    rows = {row["path"]: row for row in second.event("report")["rows"]}
    assert second.exit_code() == 0
    assert (rows[invoice]["state"], rows[invoice]["description"]) == (CORRECTED, "the plumber's invoice")


def fill_store(path: Path, folder: Path) -> None:
    """A store with three corrections (first pages) and enough cached descriptions for many more pages."""
    store = Store(path)
    for name in ("Invoice_2024-03.pdf", "holiday_photo.jpg", "meeting_notes.md"):
        store.save_correction(folder / name, name, f"my words for {name}")
    store.save_generated("model", [(f"key{n}", f"file_{n}.txt", "a cached description " * 4) for n in range(5000)])
    store.close()


def garbage_header(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.write(os.urandom(100))


def damaged_pages(path: Path) -> None:
    """Scribble over pages in the last third of the file: the cache's, far from the corrections'."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        for offset in range(2 * size // 3, size - 4096, 16384):
            handle.seek(offset)
            handle.write(b"\xff" * 512)


def truncated(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 3)


def damaged_pages_and_a_wal(path: Path) -> None:
    """Scribbled pages, and three more corrections in the WAL of an app that died before checkpointing."""
    writer = ("import os, sys; from pathlib import Path; from core.store import Store;"
              "store = Store(Path(sys.argv[1]));"
              "[store.save_correction(f'/elsewhere/{n}.txt', f'{n}.txt', 'only in the WAL') for n in range(3)];"
              "os._exit(0)")
    subprocess.run([sys.executable, "-c", writer, str(path)], cwd=ROOT, check=True)
    damaged_pages(path)


def files_of(folder: Path, name: str) -> dict[str, bytes]:
    """The bytes of a store file and of its WAL, by suffix (not the -shm: an index readers write marks in)."""
    return {suffix: Path(folder, name + suffix).read_bytes() for suffix in ("", "-wal")
            if Path(folder, name + suffix).exists()}


@pytest.mark.parametrize(("damage", "kept"), [(garbage_header, 0), (damaged_pages, 3), (truncated, 0),
                                              (damaged_pages_and_a_wal, 6)])
def test_a_damaged_store_is_kept_aside_and_a_fresh_one_started(
    qtbot, make_window, folder: Path, isolated_data_dir: Path, damage, kept: int
) -> None:
    store_file = isolated_data_dir / STORE_FILENAME
    fill_store(store_file, folder)
    damage(store_file)
    damaged = files_of(isolated_data_dir, STORE_FILENAME)
    window = make_window(folder)
    settle(qtbot, window)
    (backup,) = isolated_data_dir.glob(f"{STORE_FILENAME}.damaged-*[0-9]")
    assert files_of(isolated_data_dir, backup.name) == damaged  # kept aside as it was, its WAL included
    assert window.files.store_banner.isVisible()
    assert str(backup) in window.files.store_banner.label.text()
    assert f"{kept} of your corrections" in window.files.store_banner.label.text()
    assert integrity(store_file) == "ok"
    corrected = {name for name, row in names_of(window).items() if row.state == CORRECTED}
    assert len(corrected) == min(kept, 3)
    row = window.files.model.row_of(str(folder / "meeting_notes.md"))
    assert window.files.model.setData(window.files.model.index(row, DESCRIPTION), "notes from Monday")
    settle(qtbot, window)
    window.close()
    again = make_window(folder)  # the fresh store opens without any notice
    settle(qtbot, again)
    assert not again.files.store_banner.isVisible()
    assert names_of(again)["meeting_notes.md"].description == "notes from Monday"
