"""DescriptionQueue: priorities, the two stages, one model call per filename, in-flight joins, discards."""
from __future__ import annotations

import threading

from core.describe.description_queue import CHECK_CACHE, RUN_MODEL, URGENT, VISIBLE, DescriptionQueue, Job


def names(jobs: list[Job]) -> list[str]:
    return [job.filename for job in jobs]


def test_background_work_is_first_come_first_served() -> None:
    queue = DescriptionQueue()
    queue.push([("/r/b", "b"), ("/r/a", "a"), ("/r/c", "c")])
    assert queue.take(2, 8) == [Job("b", CHECK_CACHE), Job("a", CHECK_CACHE)]
    assert names(queue.take(5, 8)) == ["c"]
    assert queue.take(5, 8) == []


def test_visible_rows_go_first_latest_first_and_new_files_before_them() -> None:
    queue = DescriptionQueue()
    queue.push([(f"/r/{n}", n) for n in "abcdef"])
    queue.prioritize(["/r/e"])
    queue.prioritize(["/r/c", "/r/unknown"])
    queue.push([("/r/new", "new")], priority=URGENT)
    assert names(queue.take(10, 10)) == ["new"]  # a batch never mixes priorities
    assert names(queue.take(10, 10)) == ["c", "e"]
    assert names(queue.take(10, 10)) == ["a", "b", "d", "f"]


def test_priority_is_never_lowered() -> None:
    queue = DescriptionQueue()
    queue.push([("/r/a", "a")], priority=URGENT)
    queue.prioritize(["/r/a"], VISIBLE)
    queue.push([("/r/b", "b")], priority=VISIBLE)
    assert names(queue.take(10, 10)) == ["a"]


def test_cache_misses_come_back_for_the_model_in_model_sized_batches() -> None:
    queue = DescriptionQueue()
    queue.push([(f"/r/{n}", n) for n in "abcde"])
    assert names(queue.take(10, 2)) == list("abcde")
    assert queue.finish(["a"]) == {"a": {"/r/a"}}  # found in the cache
    queue.needs_model(["b", "c", "d", "e"])
    queue.push([("/r/late", "late")])  # cache checks go before model runs of the same priority
    assert queue.take(10, 2) == [Job("late", CHECK_CACHE)]
    assert queue.take(10, 2) == [Job("b", RUN_MODEL), Job("c", RUN_MODEL)]
    queue.prioritize(["/r/e"])
    assert names(queue.take(10, 2)) == ["e"]
    assert queue.finish(["b", "c", "e"]) == {"b": {"/r/b"}, "c": {"/r/c"}, "e": {"/r/e"}}


def test_one_filename_is_described_once_for_all_its_paths() -> None:
    queue = DescriptionQueue()
    queue.push([("/r/x/README.md", "README.md"), ("/r/y/README.md", "README.md")])
    assert len(queue) == 1
    assert names(queue.take(10, 10)) == ["README.md"]
    queue.push([("/r/z/README.md", "README.md")])  # arrives while in flight: joins it
    assert queue.take(10, 10) == []
    queue.needs_model(["README.md"])
    assert queue.take(10, 10) == [Job("README.md", RUN_MODEL)]
    assert queue.finish(["README.md"]) == {"README.md": {"/r/x/README.md", "/r/y/README.md", "/r/z/README.md"}}
    queue.push([("/r/x/README.md", "README.md")])  # later: checked again (and found in the cache)
    assert queue.take(10, 10) == [Job("README.md", CHECK_CACHE)]


def test_regenerate_skips_the_cache_and_waits_for_a_flight() -> None:
    queue = DescriptionQueue()
    queue.push([("/r/b", "b")], force=True)
    assert queue.take(1, 1) == [Job("b", RUN_MODEL)]
    queue.push([("/r/a", "a")])
    queue.take(1, 1)
    queue.push([("/r/a", "a")], priority=URGENT, force=True)
    assert queue.take(1, 1) == []
    assert queue.finish(["a"]) == {"a": {"/r/a"}}  # the cached text shows, then the model runs again
    assert queue.take(1, 1) == [Job("a", RUN_MODEL)]


def test_discarded_paths_leave_the_queue_and_flights() -> None:
    queue = DescriptionQueue()
    queue.push([("/r/a", "a"), ("/r/b", "b"), ("/r/b2", "b")])
    queue.discard(["/r/a", "/r/b"])
    assert names(queue.take(10, 10)) == ["b"]
    queue.discard(["/r/b2"])
    queue.needs_model(["b"])  # nobody waits for it any more
    assert queue.take(10, 10) == []
    assert queue.finish(["b"]) == {"b": set()}


def test_clear_forgets_waiting_work() -> None:
    queue = DescriptionQueue()
    queue.push([("/r/a", "a"), ("/r/b", "b")])
    queue.take(1, 1)
    queue.clear()
    assert len(queue) == 0 and queue.take(10, 10) == []
    assert queue.finish(["a"]) == {"a": set()}


def test_concurrent_pushes_and_takes_run_the_model_once_per_name() -> None:
    queue = DescriptionQueue()
    described: list[str] = []

    def producer(offset: int) -> None:
        for index in range(2000):
            queue.push([(f"/r/{offset}/{index}", f"name{index}")])

    threads = [threading.Thread(target=producer, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads) or len(queue):
        jobs = queue.take(64, 16)
        if jobs and jobs[0].stage == CHECK_CACHE:  # a name pushed again after it was described is in the cache
            queue.finish(name for name in names(jobs) if name in described)
            queue.needs_model(name for name in names(jobs) if name not in described)
        else:
            described += names(jobs)
            queue.finish(names(jobs))
    assert sorted(described) == [f"name{index}" for index in sorted(range(2000), key=str)]
