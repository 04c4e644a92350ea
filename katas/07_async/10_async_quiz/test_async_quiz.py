"""Tests for the async quiz.

Mistakes these tests catch: jobs run one at a time or all at once (no semaphore, or one that is
never released), a failure that crashes the whole run instead of becoming an outcome, outcomes in
completion order, a timeout that also counts the wait for a free slot, a timed-out job left running,
a cancellation of the run that is swallowed (reported as a failure) or leaves jobs running; workers
that stop after one failure, a deadline that returns while jobs still run (asyncio.wait without
cancelling), jobs taken off the queue and never started, a deadline reported as an error; a health
endpoint that answers 200 when a check failed, a timeout query parameter that is not checked, and
the app's limit ignored.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Coroutine
from typing import Any, TypeVar

import httpx
import pytest
from async_quiz import Job, Outcome, drain, run_jobs
from async_quiz_app import create_app

T = TypeVar("T")


class Jobs:
    """Makes jobs that sleep, and records how many ran at once, which finished and which were cancelled."""

    def __init__(self) -> None:
        self.running = 0
        self.max_running = 0
        self.finished: list[str] = []
        self.cancelled: list[str] = []

    def make(self, name: str, seconds: float, *, fail: bool = False) -> Job:
        async def job() -> str:
            self.running += 1
            self.max_running = max(self.max_running, self.running)
            try:
                await asyncio.sleep(seconds)
                if fail:
                    raise RuntimeError(f"{name} is down")
                self.finished.append(name)
                return f"{name} ok"
            except asyncio.CancelledError:
                self.cancelled.append(name)
                raise
            finally:
                self.running -= 1

        return job


def run(coro: Coroutine[Any, Any, T], limit: float = 3.0) -> tuple[T, float]:
    """Run a coroutine, failing the test (instead of hanging) after `limit` seconds; also its duration."""

    async def bounded() -> T:
        scope = asyncio.timeout(limit)
        try:
            async with scope:
                return await coro
        except TimeoutError:
            if scope.expired():
                raise AssertionError(f"still running after {limit} s: something waits forever") from None
            raise  # a TimeoutError of the code under test

    started = time.perf_counter()
    result = asyncio.run(bounded())
    return result, time.perf_counter() - started


@pytest.mark.task(taskno=1)
def test_run_jobs_reports_every_outcome_in_job_order() -> None:
    jobs = Jobs()
    todo = {
        "slow": jobs.make("slow", 0.15),
        "broken": jobs.make("broken", 0.01, fail=True),
        "quick": jobs.make("quick", 0.01),
    }
    outcomes, _ = run(run_jobs(todo, limit=3, timeout=1.0))
    assert outcomes == {
        "slow": Outcome("done", "slow ok"),
        "broken": Outcome("failed", "broken is down"),
        "quick": Outcome("done", "quick ok"),
    }, "a result is `done` with what the job returned, an exception is `failed` with its message"
    assert list(outcomes) == list(todo), f"outcomes in the order of the jobs, not as they finish: {list(outcomes)}"


@pytest.mark.task(taskno=1)
def test_run_jobs_keeps_to_the_limit() -> None:
    jobs = Jobs()
    todo = {f"job{n}": jobs.make(f"job{n}", 0.1) for n in range(6)}
    outcomes, seconds = run(run_jobs(todo, limit=2, timeout=1.0))
    assert all(outcome.status == "done" for outcome in outcomes.values()), outcomes
    assert jobs.max_running == 2, f"limit=2: exactly 2 jobs at a time, but {jobs.max_running} ran at once"
    assert seconds < 0.6, f"six 0.1 s jobs, two at a time, take about 0.3 s, not {seconds:.2f} s"
    with pytest.raises(ValueError, match="limit"):
        run(run_jobs(todo, limit=0, timeout=1.0))


@pytest.mark.task(taskno=1)
def test_a_job_that_takes_too_long_is_cut_off() -> None:
    jobs = Jobs()
    todo = {"stuck": jobs.make("stuck", 10), "fine": jobs.make("fine", 0.01)}
    outcomes, seconds = run(run_jobs(todo, limit=2, timeout=0.1))
    assert outcomes == {"stuck": Outcome("timed out"), "fine": Outcome("done", "fine ok")}
    assert seconds < 1, f"the stuck job is cut off after 0.1 s, but the run took {seconds:.2f} s"
    assert jobs.cancelled == ["stuck"], "the stuck job is cancelled, not left running"
    assert jobs.running == 0, "nothing is left running"


@pytest.mark.task(taskno=1)
def test_waiting_for_a_slot_does_not_count_against_the_timeout() -> None:
    jobs = Jobs()
    todo = {f"job{n}": jobs.make(f"job{n}", 0.1) for n in range(4)}
    outcomes, _ = run(run_jobs(todo, limit=1, timeout=0.2))
    assert [outcome.status for outcome in outcomes.values()] == ["done"] * 4, (
        f"each 0.1 s job has 0.2 s from the moment it starts, however long it waited for its turn: {outcomes}"
    )


@pytest.mark.task(taskno=1)
def test_cancelling_the_run_cancels_every_job() -> None:
    jobs = Jobs()
    todo = {f"job{n}": jobs.make(f"job{n}", 10) for n in range(3)}

    async def cancel_soon() -> None:
        task = asyncio.create_task(run_jobs(todo, limit=2, timeout=20))
        await asyncio.sleep(0.1)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task  # a cancelled run ends cancelled: it does not swallow the cancellation

    run(cancel_soon())
    assert sorted(jobs.cancelled) == ["job0", "job1"], f"the two running jobs are cancelled: {jobs.cancelled}"
    assert jobs.running == 0, "nothing is left running"


def queue_of(jobs: dict[str, Job]) -> asyncio.Queue[tuple[str, Job]]:
    queue: asyncio.Queue[tuple[str, Job]] = asyncio.Queue()
    for name, job in jobs.items():
        queue.put_nowait((name, job))
    return queue


@pytest.mark.task(taskno=2)
def test_drain_runs_the_queue_with_its_workers() -> None:
    jobs = Jobs()

    async def scenario() -> tuple[dict[str, Outcome], int]:
        queue = queue_of({f"job{n}": jobs.make(f"job{n}", 0.05, fail=n == 1) for n in range(6)})
        outcomes = await drain(queue, workers=3, deadline=2)
        return outcomes, queue.qsize()

    (outcomes, left), seconds = run(scenario())
    expected = {f"job{n}": Outcome("done", f"job{n} ok") for n in range(6)} | {
        "job1": Outcome("failed", "job1 is down")
    }
    assert outcomes == expected, "every job runs; a failure is an outcome and the worker goes on"
    assert left == 0, "the queue is empty"
    assert jobs.max_running == 3, f"3 workers: 3 jobs at a time, but {jobs.max_running} ran at once"
    assert seconds < 1, f"the queue is done in about 0.1 s: drain returns then, not at the deadline ({seconds:.2f} s)"
    with pytest.raises(ValueError, match="workers"):
        run(drain(asyncio.Queue(), workers=0, deadline=1))


@pytest.mark.task(taskno=2)
def test_a_failure_does_not_stop_the_worker() -> None:
    jobs = Jobs()
    queue = {"bad": jobs.make("bad", 0.01, fail=True), "good": jobs.make("good", 0.01)}
    outcomes, _ = run(drain(queue_of(queue), workers=1, deadline=1))
    assert outcomes == {"bad": Outcome("failed", "bad is down"), "good": Outcome("done", "good ok")}, (
        "one worker: after the failing job it goes on to the next one"
    )


@pytest.mark.task(taskno=2)
def test_the_deadline_cancels_what_runs_and_leaves_the_rest_queued() -> None:
    jobs = Jobs()

    async def scenario() -> tuple[dict[str, Outcome], list[str]]:
        todo = {
            "quick": jobs.make("quick", 0.05),
            "slow": jobs.make("slow", 10),
            "slower": jobs.make("slower", 10),
            "later": jobs.make("later", 0.05),
        }
        queue = queue_of(todo)
        outcomes = await drain(queue, workers=2, deadline=0.3)
        assert jobs.running == 0, "when drain returns, nothing it started is still running"
        await asyncio.sleep(0.1)
        return outcomes, [name for name, _ in [queue.get_nowait() for _ in range(queue.qsize())]]

    (outcomes, queued), seconds = run(scenario())
    assert outcomes == {
        "quick": Outcome("done", "quick ok"),
        "slow": Outcome("cancelled"),
        "slower": Outcome("cancelled"),
    }, "the two jobs running at the deadline are cancelled and reported `cancelled`"
    assert sorted(jobs.cancelled) == ["slow", "slower"], f"really cancelled: {jobs.cancelled}"
    assert queued == ["later"], f"a job not started stays in the queue for the next run, left: {queued}"
    assert jobs.finished == ["quick"], "nothing finishes after drain has returned"
    assert seconds < 1, f"drain returns at its 0.3 s deadline, took {seconds:.2f} s"


def get(app: Any, url: str) -> tuple[httpx.Response, float]:
    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get(url)

    return run(call())


@pytest.mark.task(taskno=3)
def test_healthy_when_every_check_is_done() -> None:
    jobs = Jobs()
    app = create_app({name: jobs.make(name, 0.05) for name in ("database", "cache", "mail", "search")})
    response, _ = get(app, "/health")
    assert response.status_code == 200, f"every check done: 200, got {response.status_code}"
    assert response.json() == {
        name: {"status": "done", "detail": f"{name} ok"} for name in ("database", "cache", "mail", "search")
    }
    assert jobs.max_running == 2, f"the app's limit is 2 by default, but {jobs.max_running} checks ran at once"


@pytest.mark.task(taskno=3)
def test_unhealthy_when_a_check_fails_or_times_out() -> None:
    jobs = Jobs()
    app = create_app({"database": jobs.make("database", 0.01, fail=True), "cache": jobs.make("cache", 0.01)})
    failed, _ = get(app, "/health")
    assert failed.status_code == 503, f"a failed check: 503 Service Unavailable, got {failed.status_code}"
    assert failed.json()["database"] == {"status": "failed", "detail": "database is down"}
    slow = create_app({"search": jobs.make("search", 10), "cache": jobs.make("cache", 0.01)})
    timed_out, seconds = get(slow, "/health?timeout=0.1")
    assert timed_out.status_code == 503, f"a check that timed out: 503, got {timed_out.status_code}"
    assert timed_out.json() == {
        "search": {"status": "timed out", "detail": ""},
        "cache": {"status": "done", "detail": "cache ok"},
    }
    assert seconds < 1, f"?timeout=0.1 cuts the checks off after 0.1 s, took {seconds:.2f} s"


@pytest.mark.task(taskno=3)
def test_the_timeout_defaults_to_half_a_second() -> None:
    jobs = Jobs()
    response, seconds = get(create_app({"search": jobs.make("search", 0.8)}), "/health")
    assert response.status_code == 503, "without ?timeout=, a 0.8 s check is cut off after 0.5 s"
    assert seconds < 0.75, f"cut off after the default 0.5 s, took {seconds:.2f} s"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("timeout", ["0", "-1", "5.5"])
def test_a_bad_timeout_is_refused_with_422(timeout: str) -> None:
    jobs = Jobs()
    response, _ = get(create_app({"cache": jobs.make("cache", 0.01)}), f"/health?timeout={timeout}")
    assert response.status_code == 422, (
        f"?timeout={timeout}: more than 0 and at most 5, else 422, got {response.status_code}"
    )
    assert jobs.running == 0
    assert jobs.finished == [], "a refused request runs no check"
