"""The view follows the disk: real watchdog observers on real temp folders."""
from __future__ import annotations

from pathlib import Path

from core.describe.states import CORRECTED
from desktop_app.gui.files.table_model import DESCRIPTION
from tests.desktop_app.helpers import LIVE_TIMEOUT_MS, described, names_of, settle


def test_created_renamed_and_deleted_files_show(qtbot, make_window, folder: Path) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    resets = []
    window.files.model.modelReset.connect(lambda: resets.append(True))
    (folder / "budget_2025.xlsx").write_text("x")
    qtbot.waitUntil(lambda: described(window, "budget_2025.xlsx"), timeout=LIVE_TIMEOUT_MS)
    (folder / "budget_2025.xlsx").rename(folder / "budget_final.xlsx")
    qtbot.waitUntil(lambda: described(window, "budget_final.xlsx") and "budget_2025.xlsx" not in names_of(window),
                    timeout=LIVE_TIMEOUT_MS)
    (folder / "holiday_photo.jpg").unlink()
    qtbot.waitUntil(lambda: "holiday_photo.jpg" not in names_of(window), timeout=LIVE_TIMEOUT_MS)
    (folder / "meeting_notes.md").write_text("a longer text than before")
    qtbot.waitUntil(lambda: names_of(window)["meeting_notes.md"].entry.size == 25, timeout=LIVE_TIMEOUT_MS)
    assert resets == []  # every update went row by row


def test_a_rename_keeps_the_users_correction(qtbot, make_window, folder: Path) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    row = window.files.model.row_of(str(folder / "Invoice_2024-03.pdf"))
    assert window.files.model.setData(window.files.model.index(row, DESCRIPTION), "the plumber's invoice for March")
    settle(qtbot, window)
    (folder / "Invoice_2024-03.pdf").rename(folder / "plumber_invoice.pdf")
    qtbot.waitUntil(lambda: described(window, "plumber_invoice.pdf"), timeout=LIVE_TIMEOUT_MS)
    moved = names_of(window)["plumber_invoice.pdf"]
    assert (moved.state, moved.description) == (CORRECTED, "the plumber's invoice for March")
    assert [c.path for c in window.store.corrections()] == [str(folder / "plumber_invoice.pdf")]


def test_the_reconciliation_scan_catches_dropped_events(qtbot, make_window, folder: Path) -> None:
    window = make_window(folder)
    settle(qtbot, window)
    window.files.session.watcher.stop()  # as if inotify's queue had overflowed: these events are lost
    (folder / "missed.txt").write_text("x")
    (folder / "meeting_notes.md").unlink()
    qtbot.wait(500)
    assert "missed.txt" not in names_of(window)
    window.files.session._reconcile()  # what the periodic timer does
    qtbot.waitUntil(lambda: described(window, "missed.txt") and "meeting_notes.md" not in names_of(window),
                    timeout=LIVE_TIMEOUT_MS)
