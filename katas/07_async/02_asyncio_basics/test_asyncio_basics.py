"""Tests for the asyncio-basics kata.

Mistakes these tests catch: awaiting one load after another in a loop (no
concurrency: ten 0.1 s loads take a second), results matched to the wrong
names, an exception swallowed by load_all, load_settled losing every result
when one source fails (gather without return_exceptions) or returning the
exception object instead of its message, load_all_or_nothing written with
gather (a plain SourceError, and the slow loads keep running), first_of
waiting for everything (asyncio.gather or ALL_COMPLETED), returning a failure
because it finished first, or leaving the losers running.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import pytest
from asyncio_basics import first_of, load_all, load_all_or_nothing, load_settled
from asyncio_basics_given import Log, Source, SourceError

T = TypeVar("T")


def run_timed(make: Callable[[Log], Awaitable[T]]) -> tuple[T, float, Log]:
    """Run make(log) to completion; return its result, the seconds it took, and the log."""
    log = Log()

    async def main() -> T:
        return await make(log)

    started = time.perf_counter()
    result = asyncio.run(main())
    return result, time.perf_counter() - started, log


@pytest.mark.task(taskno=1)
def test_load_all_returns_every_result_by_name() -> None:
    sources = [Source("users", 0.03), Source("orders", 0.01), Source("prices", 0.02)]
    result, _, _ = run_timed(lambda log: load_all(sources, log))
    assert result == {"users": "users data", "orders": "orders data", "prices": "prices data"}
    assert list(result) == ["users", "orders", "prices"], "keep the order the sources were given in"


@pytest.mark.task(taskno=1)
def test_load_all_runs_the_loads_at_the_same_time() -> None:
    sources = [Source(f"s{n}", 0.1) for n in range(10)]
    _, seconds, log = run_timed(lambda log: load_all(sources, log))
    assert seconds < 0.6, f"ten 0.1 s loads took {seconds:.2f} s: start them all, then wait (asyncio.gather)"
    assert sorted(log.events[:10]) == sorted(f"start s{n}" for n in range(10)), (
        f"every load should start before any finishes, log: {log.events}"
    )
    assert sorted(log.events[10:]) == sorted(f"done s{n}" for n in range(10))


@pytest.mark.task(taskno=1)
def test_load_all_of_nothing_is_empty() -> None:
    result, _, _ = run_timed(lambda log: load_all([], log))
    assert result == {}


@pytest.mark.task(taskno=1)
def test_load_all_lets_a_failure_through() -> None:
    sources = [Source("users", 0.01), Source("orders", 0.01, fails=True)]
    log = Log()
    with pytest.raises(SourceError, match="orders is down"):
        asyncio.run(load_all(sources, log))
    assert "failed orders" in log.events


@pytest.mark.task(taskno=2)
def test_load_settled_keeps_successes_and_failures() -> None:
    sources = [Source("users", 0.02), Source("orders", 0.01, fails=True), Source("prices", 0.03)]
    (loaded, failed), _, _ = run_timed(lambda log: load_settled(sources, log))
    assert loaded == {"users": "users data", "prices": "prices data"}, "one failure must not lose the others"
    assert failed == {"orders": "orders is down"}, "report each failure as its message, under its name"


@pytest.mark.task(taskno=2)
def test_load_settled_is_concurrent() -> None:
    sources = [Source(f"s{n}", 0.1, fails=n % 2 == 0) for n in range(10)]
    (loaded, failed), seconds, _ = run_timed(lambda log: load_settled(sources, log))
    assert len(loaded) == 5
    assert len(failed) == 5
    assert seconds < 0.6, f"ten 0.1 s loads took {seconds:.2f} s: they must run at the same time"


@pytest.mark.task(taskno=3)
def test_load_all_or_nothing_returns_everything_when_all_succeed() -> None:
    sources = [Source(f"s{n}", 0.1) for n in range(10)]
    result, seconds, _ = run_timed(lambda log: load_all_or_nothing(sources, log))
    assert result == {f"s{n}": f"s{n} data" for n in range(10)}
    assert seconds < 0.6, f"ten 0.1 s loads took {seconds:.2f} s: create all the tasks before waiting"


@pytest.mark.task(taskno=3)
def test_load_all_or_nothing_cancels_the_rest_on_failure() -> None:
    sources = [Source("slow", 3.0), Source("broken", 0.05, fails=True)]
    started = time.perf_counter()
    log = Log()
    raised: BaseException | None = None
    try:
        asyncio.run(load_all_or_nothing(sources, log))
    except Exception as error:
        raised = error
    seconds = time.perf_counter() - started
    assert isinstance(raised, ExceptionGroup), (
        f"got {raised!r}: a TaskGroup raises the failure inside an ExceptionGroup"
    )
    assert raised.subgroup(SourceError) is not None, "the group must carry the SourceError"
    assert seconds < 1.5, f"took {seconds:.2f} s: the failure must cancel the slow load, not wait for it"
    assert "cancelled slow" in log.events, f"the slow load should have been cancelled, log: {log.events}"


@pytest.mark.task(taskno=4)
def test_first_of_returns_the_fastest_and_cancels_the_rest() -> None:
    sources = [Source("slow", 3.0), Source("fast", 0.05), Source("slower", 4.0)]

    async def race(log: Log) -> tuple[tuple[str, str], list[str]]:
        winner = await first_of(sources, log)
        return winner, list(log.events)  # the log as it is the moment first_of returns

    (winner, events), seconds, _ = run_timed(race)
    assert winner == ("fast", "fast data")
    assert seconds < 1.5, f"took {seconds:.2f} s: return as soon as the first load finishes"
    assert {"cancelled slow", "cancelled slower"} <= set(events), (
        f"cancel the losers before returning (and wait for them to finish cancelling), log: {events}"
    )


@pytest.mark.task(taskno=4)
def test_first_of_skips_failures() -> None:
    sources = [Source("broken", 0.01, fails=True), Source("ok", 0.1)]
    try:
        winner, _, _ = run_timed(lambda log: first_of(sources, log))
    except SourceError as error:
        pytest.fail(f"first_of raised {error!r}: a failure finishing first is not a winner, wait for a success")
    assert winner == ("ok", "ok data"), "a failure finishing first is not a winner: wait for a success"


@pytest.mark.task(taskno=4)
def test_first_of_raises_when_everything_fails() -> None:
    sources = [Source("a", 0.01, fails=True), Source("b", 0.02, fails=True)]
    with pytest.raises(SourceError, match=r"^every source failed$"):
        run_timed(lambda log: first_of(sources, log))


@pytest.mark.task(taskno=4)
def test_first_of_nothing_is_a_value_error() -> None:
    with pytest.raises(ValueError, match=r"^first_of needs at least one source$"):
        run_timed(lambda log: first_of([], log))
