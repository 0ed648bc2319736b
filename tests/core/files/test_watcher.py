"""The event aggregator (with an injected clock) and the folder watcher on real watchdog observers."""
from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest
from watchdog.events import (
    DirCreatedEvent,
    DirModifiedEvent,
    FileAttribEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
)
from watchdog.observers import Observer

from core.files.watcher import AggregatingHandler, EventAggregator, FolderWatcher, WatchBatch


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture()
def clock() -> FakeClock:
    return FakeClock()


def aggregator(clock: FakeClock, **options) -> EventAggregator:
    return EventAggregator(delay=0.2, max_delay=2.0, clock=clock, **options)


def test_a_path_is_due_once_quiet_for_the_delay(clock: FakeClock) -> None:
    agg = aggregator(clock)
    assert agg.add_path("/r/a.txt") is True
    assert agg.seconds_until_due() == pytest.approx(0.2)
    clock.advance(0.1)
    assert agg.take_due() is None
    clock.advance(0.1)
    assert agg.take_due() == WatchBatch(paths={"/r/a.txt"})
    assert agg.take_due() is None and agg.seconds_until_due() is None


def test_only_the_first_event_after_idle_reports_pending(clock: FakeClock) -> None:
    agg = aggregator(clock)
    assert agg.add_path("/r/a") is True
    assert agg.add_path("/r/b") is False
    assert agg.add_folder("/r/sub") is False
    clock.advance(1)
    agg.take_due()
    assert agg.add_path("/r/c") is True


def test_repeated_events_restart_the_quiet_time(clock: FakeClock) -> None:
    agg = aggregator(clock)
    agg.add_path("/r/a")
    clock.advance(0.15)
    agg.add_path("/r/a")
    clock.advance(0.15)
    assert agg.take_due() is None
    clock.advance(0.06)
    assert agg.take_due().paths == {"/r/a"}


def test_a_file_that_keeps_changing_is_forced_through_after_the_cap(clock: FakeClock) -> None:
    agg = aggregator(clock)
    batches = []
    for _ in range(24):  # a change every 0.125 s for 3 s: never quiet for 0.2 s
        agg.add_path("/r/growing.log")
        clock.advance(0.125)
        batch = agg.take_due()
        if batch is not None:
            batches.append(clock.now - 1000.0)
    assert batches == [2.0]  # forced at the 2 s cap, then the next run of changes starts over


def test_only_due_paths_are_taken(clock: FakeClock) -> None:
    agg = aggregator(clock)
    agg.add_path("/r/old")
    clock.advance(0.15)
    agg.add_path("/r/new")
    clock.advance(0.06)
    assert agg.take_due().paths == {"/r/old"}
    assert agg.seconds_until_due() == pytest.approx(0.14)


def test_many_children_of_one_folder_collapse_to_a_folder_rescan(clock: FakeClock) -> None:
    agg = aggregator(clock, max_per_folder=5)
    for index in range(6):
        agg.add_path(f"/r/burst/{index}.txt")
    agg.add_path("/r/other.txt")
    agg.add_path("/r/burst/late.txt")  # absorbed by the pending rescan
    clock.advance(0.2)
    batch = agg.take_due()
    assert batch.folders == {"/r/burst"}
    assert batch.paths == {"/r/other.txt"}
    assert not batch.full


def test_a_very_large_burst_collapses_to_a_full_rescan(clock: FakeClock) -> None:
    agg = aggregator(clock, max_per_folder=1000, max_total=50)
    for folder in range(10):
        for index in range(6):
            agg.add_path(f"/r/f{folder}/{index}")
    agg.add_folder("/r/new")
    clock.advance(0.2)
    assert agg.take_due() == WatchBatch(full=True)


def test_a_burst_that_never_pauses_still_yields_rescans_at_the_cap(clock: FakeClock) -> None:
    agg = aggregator(clock, max_per_folder=10)
    rescans = 0
    for index in range(500):  # 100 files a second for 5 s
        agg.add_path(f"/r/copy/{index}")
        clock.advance(0.01)
        batch = agg.take_due()
        rescans += batch is not None and batch.folders == {"/r/copy"}
    assert rescans == 2  # at 2 s and 4 s: the view follows a long copy without waiting for its end


def test_moves_come_in_order_with_both_ends(clock: FakeClock) -> None:
    agg = aggregator(clock)
    agg.add_move("/r/a", "/r/b")
    agg.add_move("/r/b", "/r/c")
    assert agg.seconds_until_due() == pytest.approx(0.2)
    clock.advance(0.2)
    batch = agg.take_due()
    assert batch.moves == [("/r/a", "/r/b"), ("/r/b", "/r/c")]
    assert batch.paths == {"/r/a", "/r/b", "/r/c"}


def events_of(handler_root: str, recursive: bool, events) -> WatchBatch | None:
    clock = FakeClock()
    agg = aggregator(clock)
    pending = []
    handler = AggregatingHandler(handler_root, recursive, agg, lambda: pending.append(True))
    for event in events:
        handler.dispatch(event)
    clock.advance(5)
    batch = agg.take_due()
    assert len(pending) == (1 if batch else 0)
    return batch


def test_the_handler_drops_events_that_change_nothing_shown() -> None:
    noise = [FileAttribEvent("/r/a"), FileClosedEvent("/r/a"), DirModifiedEvent("/r"), FileCreatedEvent("/elsewhere/x")]
    assert events_of("/r", False, noise) is None


def test_the_handler_translates_file_folder_and_move_events() -> None:
    batch = events_of("/r", False, [
        FileCreatedEvent("/r/new.txt"), FileModifiedEvent("/r/changed.txt"), FileDeletedEvent("/r/gone.txt"),
        FileMovedEvent("/r/old.txt", "/r/renamed.txt"), DirCreatedEvent("/r/sub"),
        FileCreatedEvent("/r/sub/nested.txt"),  # not shown one level deep
    ])
    assert batch.paths == {"/r/new.txt", "/r/changed.txt", "/r/gone.txt", "/r/old.txt", "/r/renamed.txt"}
    assert batch.folders == {"/r/sub"}
    assert batch.moves == [("/r/old.txt", "/r/renamed.txt")]
    recursive = events_of("/r", True, [FileCreatedEvent("/r/sub/nested.txt")])
    assert recursive.paths == {"/r/sub/nested.txt"}


def wait_for(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def collected(agg: EventAggregator) -> WatchBatch:
    """Everything the aggregator holds, taken as soon as it is due."""
    total = WatchBatch()
    while (batch := agg.take_due()) is not None:
        total.paths |= batch.paths
        total.moves += batch.moves
    return total


def test_a_real_observer_reports_created_renamed_and_deleted_files(tmp_path: Path) -> None:
    agg = EventAggregator(delay=0.05)
    watcher = FolderWatcher(str(tmp_path), False, agg, lambda: None)
    assert watcher.start() is None and not watcher.polling
    seen = WatchBatch()
    try:
        (tmp_path / "a.txt").write_text("x")
        os.rename(tmp_path / "a.txt", tmp_path / "b.txt")
        (tmp_path / "b.txt").unlink()

        def all_seen() -> bool:
            batch = collected(agg)
            seen.paths |= batch.paths
            seen.moves += batch.moves
            return {str(tmp_path / "a.txt"), str(tmp_path / "b.txt")} <= seen.paths and bool(seen.moves)

        wait_for(all_seen)
    finally:
        watcher.stop()
    assert seen.moves == [(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))]


class LimitedObserver(Observer):
    """An inotify observer on a system whose watch limit is reached."""

    def schedule(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "inotify watch limit reached")


def test_the_watch_limit_falls_back_to_polling(tmp_path: Path) -> None:
    agg = EventAggregator(delay=0.05)
    woken = []
    watcher = FolderWatcher(str(tmp_path), False, agg, lambda: woken.append(True),
                            observer_class=LimitedObserver, polling_interval=0.1)
    notice = watcher.start()
    try:
        assert watcher.polling and "inotify" in notice
        (tmp_path / "polled.txt").write_text("x")
        wait_for(lambda: str(tmp_path / "polled.txt") in collected(agg).paths)
        assert woken
    finally:
        watcher.stop()


def test_other_observer_errors_are_raised(tmp_path: Path) -> None:
    watcher = FolderWatcher(str(tmp_path / "missing"), False, EventAggregator(), lambda: None)
    with pytest.raises(OSError) as caught:
        watcher.start()
    assert caught.value.errno == errno.ENOENT
