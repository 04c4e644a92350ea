"""Tests for the coroutines-and-the-loop kata.

Mistakes these tests catch: a plain function instead of `async def`, `check`
waiting with time.sleep (it blocks every other coroutine), forgetting to
await (a coroutine object comes back instead of the text), `timed` measuring
with a clock that is not monotonic or not measuring the run at all,
`check_one_by_one` that runs the checks together (it must show the slow way),
`check_together` that awaits in a loop, results out of the given order, and a
`beats_during` that runs the work before the heartbeat instead of with it.
Timings use wide margins: the machine may be busy.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import pytest
from coroutines_and_the_loop import beats_during, blocking_check, check, check_one_by_one, check_together, timed

T = TypeVar("T")
SERVICES = {"db": 0.2, "cache": 0.2, "search": 0.2, "mail": 0.2}


def run_timed(work: Awaitable[T]) -> tuple[T, float]:
    """Await `work` in a fresh event loop; its result and the seconds it took (the tests' own clock)."""

    async def main() -> T:
        return await work

    started = time.perf_counter()
    result = asyncio.run(main())
    return result, time.perf_counter() - started


def timed_closing(coroutine: Coroutine[Any, Any, T]) -> tuple[T, float]:
    """Call the learner's `timed`; close the coroutine afterwards, in case `timed` never ran it."""
    try:
        return timed(coroutine)
    finally:
        coroutine.close()


def beats(make_work: Callable[[], Coroutine[Any, Any, str]], every: float, seconds: float) -> tuple[str, int]:
    """Run beats_during on fresh work; close the work afterwards, in case beats_during never awaited it."""
    work = make_work()
    try:
        return asyncio.run(beats_during(work, every, seconds))
    finally:
        work.close()


async def both(first: Awaitable[T], second: Awaitable[T]) -> list[T]:
    return list(await asyncio.gather(first, second))


@pytest.mark.task(taskno=1)
def test_check_is_a_coroutine_function() -> None:
    assert inspect.iscoroutinefunction(check), "write `async def check(...)`"
    coroutine = check("db", 0.01)  # a paused piece of work: nothing has run yet
    assert inspect.iscoroutine(coroutine)
    assert asyncio.run(coroutine) == "db ok"


@pytest.mark.task(taskno=1)
def test_check_waits_then_answers() -> None:
    result, seconds = run_timed(check("db", 0.2))
    assert result == "db ok", f"check('db', 0.2) should return 'db ok', got {result!r}"
    assert seconds >= 0.18, f"check('db', 0.2) returned after {seconds:.2f} s: it must wait the seconds it is given"


@pytest.mark.task(taskno=1)
def test_check_lets_the_loop_run_others_while_it_waits() -> None:
    results, seconds = run_timed(both(check("db", 0.3), check("cache", 0.3)))
    assert results == ["db ok", "cache ok"]
    assert seconds < 0.5, (
        f"two 0.3 s checks run together took {seconds:.2f} s: wait with `await asyncio.sleep(...)`, "
        "not time.sleep, so the loop can run the other check meanwhile"
    )


@pytest.mark.task(taskno=2)
def test_timed_returns_the_result_and_the_seconds() -> None:
    started = time.perf_counter()
    result, measured = timed_closing(check("db", 0.2))
    seconds = time.perf_counter() - started
    assert result == "db ok"
    assert 0.18 <= measured <= seconds, (
        f"timed said {measured:.3f} s for a run that took {seconds:.3f} s: measure around asyncio.run "
        "with time.perf_counter()"
    )


@pytest.mark.task(taskno=2)
def test_one_by_one_adds_the_times_up() -> None:
    results, seconds = timed_closing(check_one_by_one(SERVICES))
    assert results == ["db ok", "cache ok", "search ok", "mail ok"], "answer in the order the services were given"
    assert seconds >= 0.75, (
        f"four 0.2 s checks one by one took only {seconds:.2f} s: await each check before starting the next "
        "(this function shows the slow way)"
    )


@pytest.mark.task(taskno=2)
def test_one_by_one_of_nothing_is_empty() -> None:
    assert timed_closing(check_one_by_one({}))[0] == []


@pytest.mark.task(taskno=3)
def test_together_is_much_faster_than_one_by_one() -> None:
    _, sequential = timed_closing(check_one_by_one(SERVICES))
    results, concurrent = timed_closing(check_together(SERVICES))
    assert results == ["db ok", "cache ok", "search ok", "mail ok"], "answer in the order the services were given"
    assert concurrent < 0.6 * sequential, (
        f"together took {concurrent:.2f} s, one by one {sequential:.2f} s: start every check, then wait for "
        "all of them at once (asyncio.gather)"
    )


@pytest.mark.task(taskno=3)
def test_together_keeps_the_given_order_when_the_fastest_is_last() -> None:
    results, _ = timed_closing(check_together({"slow": 0.2, "medium": 0.1, "fast": 0.01}))
    assert results == ["slow ok", "medium ok", "fast ok"], f"results must follow the given order, got {results}"


@pytest.mark.task(taskno=3)
def test_together_of_nothing_is_empty() -> None:
    assert timed_closing(check_together({}))[0] == []


@pytest.mark.task(taskno=4)
def test_blocking_check_answers_like_check() -> None:
    assert inspect.iscoroutinefunction(blocking_check), "write `async def blocking_check(...)`"
    result, seconds = run_timed(blocking_check("db", 0.1))
    assert result == "db ok"
    assert seconds >= 0.09


@pytest.mark.task(taskno=4)
def test_blocking_checks_cannot_overlap() -> None:
    results, seconds = run_timed(both(blocking_check("db", 0.2), blocking_check("cache", 0.2)))
    assert results == ["db ok", "cache ok"]
    assert seconds >= 0.38, (
        f"two blocking 0.2 s checks took only {seconds:.2f} s together: blocking_check must wait with "
        "time.sleep, which holds the whole loop"
    )


@pytest.mark.task(taskno=4)
def test_the_heart_beats_while_check_waits() -> None:
    result, count = beats(lambda: check("db", 0.4), 0.05, 0.4)
    assert result == "db ok", "return the work's result first"
    assert count >= 4, f"only {count} beat(s) in 0.4 s of check: run the work and the heartbeat together (gather)"


@pytest.mark.task(taskno=4)
def test_the_heart_stops_while_time_sleep_blocks() -> None:
    result, count = beats(lambda: blocking_check("db", 0.4), 0.05, 0.4)
    assert result == "db ok"
    assert count <= 1, (
        f"{count} beats while blocking_check held the loop for 0.4 s: the heartbeat must start now and run "
        "beside the work (start it with the work in one gather, with the deadline taken before)"
    )
