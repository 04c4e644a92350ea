"""Tests for the closing quiz of topic 8: a login throttle, tested with monkeypatch, time-machine and caplog.

Mistakes these tests catch: the limit read once at import (changing the environment has no effect), a limit
of 0, a negative or non-ASCII number, or a word accepted or failing with Python's own message; a failure
that still counts at exactly 15 minutes; one user's failures locking another; reset that forgets nothing;
a warning logged on every failure after the lock instead of once, or by a logger with another name.
"""

import logging
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from testing_quiz import Throttle, max_attempts

START = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def limit_of_three(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOGIN_MAX_ATTEMPTS", "3")


def fail(throttle: Throttle, user: str, times: int) -> None:
    for _ in range(times):
        throttle.record_failure(user)


@pytest.mark.task(taskno=1)
def test_limit_is_read_from_the_environment_on_every_call(monkeypatch: pytest.MonkeyPatch) -> None:
    assert max_attempts() == 3, "LOGIN_MAX_ATTEMPTS=3 was set for this test: read it when asked, not at import"
    monkeypatch.setenv("LOGIN_MAX_ATTEMPTS", "7")
    assert max_attempts() == 7, "the environment changed: max_attempts() must read it again"
    monkeypatch.setenv("LOGIN_MAX_ATTEMPTS", "1")
    assert max_attempts() == 1, "1 is a positive whole number: one failure locks"
    monkeypatch.delenv("LOGIN_MAX_ATTEMPTS")
    assert max_attempts() == 5, "without LOGIN_MAX_ATTEMPTS the limit is 5"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("text", ["0", "-2", "five", "", " 3", "٣", "2.5"])
def test_a_limit_that_is_not_a_positive_whole_number_is_refused(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setenv("LOGIN_MAX_ATTEMPTS", text)
    message = f"LOGIN_MAX_ATTEMPTS must be a positive integer: {text!r}"
    with pytest.raises(ValueError, match=f"^{message}$"):
        max_attempts()


@pytest.mark.task(taskno=2)
def test_locks_after_the_limit_and_only_that_user() -> None:
    throttle = Throttle()
    with time_machine.travel(START, tick=False):
        fail(throttle, "ann", 2)
        assert not throttle.is_locked("ann"), "2 failures of 3 allowed: not locked yet"
        fail(throttle, "ann", 1)
        assert throttle.is_locked("ann"), "the 3rd failure within 15 minutes locks the account"
        assert not throttle.is_locked("bob"), "ann's failures must not lock bob"


@pytest.mark.task(taskno=2)
def test_a_failure_counts_for_fifteen_minutes_exactly() -> None:
    throttle = Throttle()
    with time_machine.travel(START, tick=False) as clock:
        fail(throttle, "ann", 3)
        clock.move_to(START + timedelta(minutes=14, seconds=59))
        assert throttle.is_locked("ann"), "at 14:59 after the failures they all still count"
        clock.move_to(START + timedelta(minutes=15))
        assert not throttle.is_locked("ann"), "a failure counts for 15 minutes: at exactly 15:00 it no longer does"


@pytest.mark.task(taskno=2)
def test_old_failures_do_not_add_up_with_new_ones() -> None:
    throttle = Throttle()
    with time_machine.travel(START, tick=False) as clock:
        fail(throttle, "ann", 2)
        clock.move_to(START + timedelta(minutes=15))
        fail(throttle, "ann", 2)
        assert not throttle.is_locked("ann"), "the first two failures are 15 minutes old: only 2 count"


@pytest.mark.task(taskno=2)
def test_reset_forgets_the_failures() -> None:
    throttle = Throttle()
    with time_machine.travel(START, tick=False):
        fail(throttle, "ann", 3)
        throttle.reset("ann")
        assert not throttle.is_locked("ann"), "after reset the user starts again from zero"
        fail(throttle, "ann", 2)
        assert not throttle.is_locked("ann"), "after reset, 2 new failures of 3 allowed: not locked"
        throttle.reset("nobody")


@pytest.mark.task(taskno=3)
def test_one_warning_when_the_account_locks(caplog: pytest.LogCaptureFixture) -> None:
    throttle = Throttle()
    with time_machine.travel(START, tick=False), caplog.at_level(logging.WARNING):
        fail(throttle, "ann", 5)
    warnings = [(record.name, record.getMessage()) for record in caplog.records]
    assert warnings == [("testing_quiz", "locking 'ann' after 3 failures")], (
        f"expected exactly one warning, from the module's logger, when the 3rd failure locks: got {warnings}"
    )
