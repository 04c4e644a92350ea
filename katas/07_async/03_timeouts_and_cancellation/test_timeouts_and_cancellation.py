"""Tests for the timeouts-and-cancellation kata.

Mistakes these tests catch: `asyncio.wait_for`-style code that waits for the
slow operation anyway, catching every exception as a timeout, leaving the slow
operation running after the deadline; retrying errors that will never go away
(ValueError), one attempt too many or too few, no pause between attempts, a
timeout around all the attempts instead of each one, swallowing the last
error; a connection leaked when the work fails or is cancelled, a cancelled
connection put back as if healthy, a CancelledError swallowed (the task then
looks finished, not cancelled); a save cancelled along with its caller.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from contextlib import closing

import pytest
import timeouts_and_cancellation
from timeouts_and_cancellation import retry, save_despite_cancel, use_connection, with_timeout
from timeouts_and_cancellation_given import Connection, Pool

real_sleep = asyncio.sleep  # the fakes below sleep for real; retry's own pauses are recorded instead

# The tests close each coroutine they create (contextlib.closing): a coroutine that is never awaited
# would otherwise raise "coroutine was never awaited", and warnings are errors here.


class Probe:
    """A slow operation that records how it ended: "done", "cancelled" or still "running"."""

    def __init__(self) -> None:
        self.state = "not started"

    async def run(self, seconds: float, value: str = "fresh") -> str:
        self.state = "running"
        try:
            await real_sleep(seconds)
        except asyncio.CancelledError:
            self.state = "cancelled"
            raise
        self.state = "done"
        return value


def flaky(failures: list[BaseException | float], value: str = "ok") -> tuple[Callable[[], Awaitable[str]], list[int]]:
    """An operation whose n-th call raises failures[n] (or sleeps that many seconds); then returns value."""
    calls: list[int] = []

    async def operation() -> str:
        calls.append(len(calls) + 1)
        if len(calls) <= len(failures):
            failure = failures[len(calls) - 1]
            if isinstance(failure, BaseException):
                raise failure
            await real_sleep(failure)
        return value

    return operation, calls


@pytest.mark.task(taskno=1)
def test_with_timeout_returns_a_fast_result() -> None:
    with closing(Probe().run(0.01)) as work:
        assert asyncio.run(with_timeout(work, 1.0, "cached")) == "fresh"


@pytest.mark.task(taskno=1)
def test_with_timeout_gives_the_default_on_time_and_cancels_the_work() -> None:
    probe = Probe()
    started = time.perf_counter()

    async def main(work: Awaitable[str]) -> tuple[str, str]:
        result = await with_timeout(work, 0.1, "cached")
        return result, probe.state  # how the slow work stands the moment with_timeout returns

    with closing(probe.run(3.0)) as work:
        result, state = asyncio.run(main(work))
    seconds = time.perf_counter() - started
    assert result == "cached", "too slow: answer the default"
    assert seconds < 1.0, f"took {seconds:.2f} s: stop waiting at the deadline"
    assert state == "cancelled", (
        f"when with_timeout returned, the slow operation was {state!r}: cancel it at the deadline "
        "(and let the cancellation finish) before returning, do not leave it running"
    )


@pytest.mark.task(taskno=1)
def test_with_timeout_lets_other_errors_through() -> None:
    async def broken() -> str:
        raise ConnectionError("refused")

    with closing(broken()) as work, pytest.raises(ConnectionError):
        asyncio.run(with_timeout(work, 1.0, "cached"))


@pytest.mark.task(taskno=2)
def test_retry_recovers_from_transient_errors() -> None:
    operation, calls = flaky([ConnectionError("reset"), 5.0])
    result = asyncio.run(retry(operation, attempts=3, timeout=0.1, backoff=0.01))
    assert result == "ok"
    assert calls == [1, 2, 3], "a ConnectionError and a timeout are both worth retrying"


@pytest.mark.task(taskno=2)
def test_retry_gives_up_after_the_last_attempt() -> None:
    operation, calls = flaky([ConnectionError("1"), ConnectionError("2"), ConnectionError("3"), ConnectionError("4")])
    with pytest.raises(ConnectionError, match="3"):
        asyncio.run(retry(operation, attempts=3, timeout=1.0, backoff=0.01))
    assert calls == [1, 2, 3], f"exactly 3 attempts, made {len(calls)}"


@pytest.mark.task(taskno=2)
def test_retry_does_not_retry_a_bug() -> None:
    operation, calls = flaky([ValueError("bad input")])
    raised: BaseException | None = None
    try:
        asyncio.run(retry(operation, attempts=3, timeout=1.0, backoff=0.01))
    except ValueError as error:
        raised = error
    assert calls == [1], f"made {len(calls)} attempts: a ValueError will fail the same way again, do not retry it"
    assert str(raised) == "bad input", "raise the ValueError itself, at once"


@pytest.mark.task(taskno=2)
def test_retry_times_out_each_attempt_and_backs_off() -> None:
    operation, calls = flaky([5.0, 5.0, 5.0])
    started = time.perf_counter()
    with pytest.raises(TimeoutError):
        asyncio.run(retry(operation, attempts=3, timeout=0.05, backoff=0.1))
    seconds = time.perf_counter() - started
    assert calls == [1, 2, 3], "each attempt gets its own timeout"
    assert seconds >= 0.3, f"took {seconds:.2f} s: sleep 0.1 s, then 0.2 s between the attempts"
    assert seconds < 2.0, f"took {seconds:.2f} s: no sleep after the last attempt, and time each attempt out"


@pytest.mark.task(taskno=2)
def test_retry_backs_off_exponentially(monkeypatch: pytest.MonkeyPatch) -> None:
    pauses: list[float] = []

    async def record(seconds: float) -> None:
        pauses.append(seconds)
        await real_sleep(0)

    monkeypatch.setattr(asyncio, "sleep", record)
    operation, calls = flaky([ConnectionError(str(n)) for n in range(1, 6)])
    with pytest.raises(ConnectionError, match="4"):
        asyncio.run(retry(operation, attempts=4, timeout=1.0, backoff=0.5))
    assert calls == [1, 2, 3, 4]
    assert pauses == [0.5, 1.0, 2.0], (
        f"pause backoff, 2*backoff, 4*backoff between attempts (with asyncio.sleep), got {pauses}"
    )


@pytest.mark.task(taskno=2)
def test_retry_with_one_attempt_just_calls_once() -> None:
    operation, calls = flaky([])
    assert asyncio.run(retry(operation, attempts=1, timeout=1.0, backoff=0.01)) == "ok"
    assert calls == [1]


@pytest.mark.task(taskno=2)
def test_retry_needs_at_least_one_attempt() -> None:
    operation, _ = flaky([])
    with pytest.raises(ValueError, match="attempts"):
        asyncio.run(retry(operation, attempts=0, timeout=1.0, backoff=0.01))


@pytest.mark.task(taskno=3)
def test_use_connection_returns_the_result_and_releases() -> None:
    pool = Pool()

    async def query(connection: Connection) -> int:
        return connection.number * 10

    assert asyncio.run(use_connection(pool, query)) == 10
    assert asyncio.run(use_connection(pool, query)) == 20, "the second connection is number 2"
    assert pool.in_use == set(), "give the connection back"
    assert not pool.released[0].discarded, "a connection that finished its work is healthy"


@pytest.mark.task(taskno=3)
def test_use_connection_releases_after_an_error() -> None:
    pool = Pool()

    async def failing(connection: Connection) -> int:
        raise RuntimeError("syntax error in SQL")

    with pytest.raises(RuntimeError, match="syntax error"):
        asyncio.run(use_connection(pool, failing))
    assert len(pool.released) == 1, "the connection must be released exactly once"
    assert pool.in_use == set(), "an error must not leak the connection (use try/finally)"


@pytest.mark.task(taskno=3)
def test_use_connection_cleans_up_when_cancelled() -> None:
    pool = Pool()

    async def slow(connection: Connection) -> int:
        await asyncio.sleep(3)
        return 1

    async def main() -> asyncio.Task[int]:
        task = asyncio.create_task(use_connection(pool, slow))
        await asyncio.sleep(0.05)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        return task

    task = asyncio.run(main())
    assert task.cancelled(), "re-raise CancelledError: swallowing it makes a cancelled task look finished"
    assert pool.in_use == set(), "a cancelled task must still give the connection back"
    assert pool.released[0].discarded, "a connection cancelled mid-query must be marked discarded"


@pytest.mark.task(taskno=4)
def test_save_survives_the_caller_being_cancelled() -> None:
    probe = Probe()

    save = probe.run(0.2, "saved")

    async def main() -> tuple[bool, int]:
        caller = asyncio.create_task(save_despite_cancel(save))
        await asyncio.sleep(0.05)
        caller.cancel()  # the client hung up
        await asyncio.gather(caller, return_exceptions=True)
        kept = len(timeouts_and_cancellation._background)
        await asyncio.sleep(0.4)
        return caller.cancelled(), kept

    with closing(save):
        caller_cancelled, kept = asyncio.run(main())
    assert caller_cancelled, "the caller itself is cancelled: it stops waiting"
    assert probe.state == "done", f"the save must finish anyway, it ended {probe.state!r}: use asyncio.shield"
    assert kept == 1, "while the save runs on, keep a reference to its task in _background"
    assert not timeouts_and_cancellation._background, "drop the reference when the save is done (add_done_callback)"


@pytest.mark.task(taskno=4)
def test_save_returns_its_result() -> None:
    with closing(Probe().run(0.01, "saved")) as save:
        assert asyncio.run(save_despite_cancel(save)) == "saved"
