"""DescriptionQueue: priorities, one model call per filename, in-flight joins, discards."""
from __future__ import annotations

import threading

from core.description_queue import BACKGROUND, URGENT, VISIBLE, DescriptionQueue, Job


def names(jobs: list[Job]) -> list[str]:
    return [job.filename for job in jobs]


def test_background_work_is_first_come_first_served() -> None:
    queue = DescriptionQueue()
    queue.push([("/r/b", "b"), ("/r/a", "a"), ("/r/c", "c")])
    assert names(queue.take(2)) == ["b", "a"]
    assert names(queue.take(5)) == ["c"]
    assert queue.take(5) == []


def test_visible_rows_go_first_latest_first_and_new_files_before_them() -> None:
    queue = DescriptionQueue()
    queue.push([(f"/r/{n}", n) for n in "abcdef"])
    queue.prioritize(["/r/e"])
    queue.prioritize(["/r/c", "/r/unknown"])
    queue.push([("/r/new", "new")], priority=URGENT)
    assert names(queue.take(10)) == ["new"]  # a batch never mixes priorities
    assert names(queue.take(10)) == ["c", "e"]
    assert names(queue.take(10)) == ["a", "b", "d", "f"]


def test_priority_is_never_lowered() -> None:
    queue = DescriptionQueue()
    queue.push([("/r/a", "a")], priority=URGENT)
    queue.prioritize(["/r/a"], VISIBLE)
    queue.push([("/r/b", "b")], priority=VISIBLE)
    assert names(queue.take(10)) == ["a"]


def test_one_filename_is_described_once_for_all_its_paths() -> None:
    queue = DescriptionQueue()
    queue.push([("/r/x/README.md", "README.md"), ("/r/y/README.md", "README.md")])
    assert len(queue) == 1
    assert names(queue.take(10)) == ["README.md"]
    queue.push([("/r/z/README.md", "README.md")])  # arrives while in flight: joins that call
    assert queue.take(10) == []
    assert queue.finish(["README.md"]) == {"README.md": {"/r/x/README.md", "/r/y/README.md", "/r/z/README.md"}}
    queue.push([("/r/x/README.md", "README.md")])  # later: queued again (the worker finds it cached)
    assert names(queue.take(10)) == ["README.md"]


def test_regenerate_forces_a_new_call_even_in_flight() -> None:
    queue = DescriptionQueue()
    queue.push([("/r/a", "a")])
    queue.take(1)
    queue.push([("/r/a", "a")], priority=URGENT, force=True)
    assert queue.take(1) == [Job("a", force=True)]


def test_discarded_paths_leave_the_queue_and_flights() -> None:
    queue = DescriptionQueue()
    queue.push([("/r/a", "a"), ("/r/b", "b"), ("/r/b2", "b")])
    queue.discard(["/r/a", "/r/b"])
    assert names(queue.take(10)) == ["b"]
    queue.discard(["/r/b2"])
    assert queue.finish(["b"]) == {"b": set()}


def test_clear_forgets_waiting_work() -> None:
    queue = DescriptionQueue()
    queue.push([("/r/a", "a"), ("/r/b", "b")], priority=BACKGROUND)
    queue.take(1)
    queue.clear()
    assert len(queue) == 0 and queue.take(10) == []
    assert queue.finish(["a"]) == {"a": set()}


def test_concurrent_pushes_and_takes_hand_out_each_name_once() -> None:
    queue = DescriptionQueue()
    taken: list[str] = []

    def producer(offset: int) -> None:
        for index in range(2000):
            queue.push([(f"/r/{offset}/{index}", f"name{index}")])

    threads = [threading.Thread(target=producer, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads) or len(queue):
        jobs = queue.take(64)
        taken += names(jobs)
        queue.finish(names(jobs))
    assert sorted(taken) == sorted(set(taken))
