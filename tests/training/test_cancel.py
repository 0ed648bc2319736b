"""The cancel guard: a request file acts as SIGTERM does, at once outside deferred sections, at `check()` inside."""
from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from training.cancel import REQUEST_POLL_SECONDS, CancelGuard, TrainingCancelled

WAIT_SECONDS = 20 * REQUEST_POLL_SECONDS


def busy_until(condition, seconds: float = WAIT_SECONDS) -> None:
    """Run Python code (where a pending handler can run) until `condition()` or the time is up."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_a_request_stops_work_at_once_outside_deferred_sections(tmp_path: Path) -> None:
    request = tmp_path / "cancel"
    with CancelGuard(request), pytest.raises(TrainingCancelled) as raised:
        request.touch()
        busy_until(lambda: False)
    assert raised.value.requested and raised.value.signum == signal.SIGTERM and raised.value.exit_code == 143
    assert str(raised.value) == "cancelled on request"


def test_inside_a_deferred_section_a_request_waits_for_check(tmp_path: Path) -> None:
    request = tmp_path / "cancel"
    with CancelGuard(request) as guard:
        with guard.deferred():
            request.touch()
            busy_until(lambda: guard.signum is not None)
            assert guard.signum == signal.SIGTERM and guard.requested  # noted, nothing raised yet
        with pytest.raises(TrainingCancelled, match="cancelled on request"):
            guard.check()


def test_without_a_request_nothing_happens_and_signal_handlers_come_back(tmp_path: Path) -> None:
    before = signal.getsignal(signal.SIGTERM)
    with CancelGuard(tmp_path / "cancel") as guard:
        assert signal.getsignal(signal.SIGTERM) != before
        busy_until(lambda: False, seconds=3 * REQUEST_POLL_SECONDS)
        guard.check()
    assert signal.getsignal(signal.SIGTERM) == before and guard.signum is None


def test_a_signal_still_cancels_as_before() -> None:
    with CancelGuard() as guard, pytest.raises(TrainingCancelled, match="cancelled by SIGINT") as raised:
        signal.raise_signal(signal.SIGINT)
        busy_until(lambda: False)
    assert not raised.value.requested and raised.value.exit_code == 130 and guard.signum == signal.SIGINT
