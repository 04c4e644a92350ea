"""Tests for the queue-pipeline kata.

Mistakes these tests catch: workers that run one job at a time, more (or fewer)
jobs at once than there are workers, results in completion order, a failing
job that hangs the pool instead of surfacing; a producer that reads the whole
source before anyone works (an unbounded queue: no backpressure), workers that
never learn the work is over (one stop marker for several workers, or none:
the pipeline hangs), a failure that leaves the producer blocked on a full
queue; batches that wait for a full batch forever, flush an empty list, lose
the last partial batch, or count max_wait from the wrong moment.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Coroutine
from typing import Any, TypeVar

import pytest
from async_queue_pipeline import batches, pipeline, run_workers

T = TypeVar("T")


class Worker:
    """A job handler that takes `seconds` per job and records how many ran at once."""

    def __init__(self, seconds: float = 0.0, fail_on: int | None = None) -> None:
        self.seconds = seconds
        self.fail_on = fail_on
        self.running = 0
        self.max_running = 0
        self.handled = 0

    async def __call__(self, job: int) -> int:
        self.running += 1
        self.max_running = max(self.max_running, self.running)
        try:
            await asyncio.sleep(self.seconds * (1 + job % 3) / 2)
            if job == self.fail_on:
                raise ValueError(f"job {job} is broken")
            return job * job
        finally:
            self.running -= 1
            self.handled += 1


def run(coro: Coroutine[Any, Any, T], limit: float = 3.0) -> tuple[T, float]:
    """Run a coroutine, failing the test (instead of hanging) after `limit` seconds."""

    async def bounded() -> T:
        try:
            async with asyncio.timeout(limit):
                return await coro
        except TimeoutError:
            raise AssertionError(f"still running after {limit} s: something waits forever") from None

    started = time.perf_counter()
    result = asyncio.run(bounded())
    return result, time.perf_counter() - started


@pytest.mark.task(taskno=1)
def test_run_workers_returns_results_in_job_order() -> None:
    results, _ = run(run_workers(range(10), Worker(0.02), workers=3))
    assert results == [n * n for n in range(10)], "result n belongs to job n, whatever order they finished in"


@pytest.mark.task(taskno=1)
def test_run_workers_uses_exactly_that_many_workers() -> None:
    worker = Worker(0.1)
    _, seconds = run(run_workers(range(12), worker, workers=4))
    assert worker.max_running == 4, f"{worker.max_running} jobs ran at once with 4 workers"
    assert seconds < 0.9, f"12 jobs of about 0.1 s on 4 workers took {seconds:.2f} s"


@pytest.mark.task(taskno=1)
def test_run_workers_edge_cases() -> None:
    results, _ = run(run_workers([], Worker(), workers=3))
    assert results == [], "no jobs, no results (and no hang)"
    results, _ = run(run_workers([3, 4], Worker(), workers=1))
    assert results == [9, 16], "one worker is a valid pool"
    with pytest.raises(ValueError, match=r"^workers must be 1 or more"):
        run(run_workers([1], Worker(), workers=0))


@pytest.mark.task(taskno=1)
def test_run_workers_surfaces_a_failing_job() -> None:
    with pytest.raises(ExceptionGroup) as caught:
        run(run_workers(range(6), Worker(0.01, fail_on=4), workers=2))
    assert caught.group_contains(ValueError, match="job 4"), "the job's own error must come out (TaskGroup)"


async def _numbers(count: int, pulled: list[int]) -> AsyncIterator[int]:
    for n in range(count):
        pulled.append(n)
        await asyncio.sleep(0)
        yield n


@pytest.mark.task(taskno=2)
def test_pipeline_processes_everything_in_order() -> None:
    pulled: list[int] = []
    results, seconds = run(pipeline(_numbers(20, pulled), Worker(0.02), workers=4, maxsize=3))
    assert results == [n * n for n in range(20)]
    assert seconds < 1.0, f"took {seconds:.2f} s: the 4 workers must work at the same time"


@pytest.mark.task(taskno=2)
def test_pipeline_applies_backpressure() -> None:
    pulled: list[int] = []
    worker = Worker(0.02)
    ahead: list[int] = []

    async def handle(job: int) -> int:
        ahead.append(len(pulled) - worker.handled)
        return await worker(job)

    run(pipeline(_numbers(30, pulled), handle, workers=2, maxsize=3))
    assert max(ahead) <= 2 + 3 + 1, (
        f"the producer ran {max(ahead)} items ahead of the workers: a bounded queue (maxsize) makes it wait"
    )


@pytest.mark.task(taskno=2)
def test_pipeline_with_more_workers_than_items_finishes() -> None:
    results, _ = run(pipeline(_numbers(2, []), Worker(), workers=5, maxsize=1))
    assert results == [0, 1], "every worker needs its own stop marker, or some wait forever"


@pytest.mark.task(taskno=2)
def test_pipeline_checks_its_sizes() -> None:
    results, _ = run(pipeline(_numbers(3, []), Worker(), workers=1, maxsize=1))
    assert results == [0, 1, 4], "one worker and a queue of one are valid"
    with pytest.raises(ValueError, match=r"^workers must be 1 or more"):
        run(pipeline(_numbers(3, []), Worker(), workers=0, maxsize=2))
    with pytest.raises(ValueError, match=r"^maxsize must be 1 or more"):
        run(pipeline(_numbers(3, []), Worker(), workers=2, maxsize=0))


@pytest.mark.task(taskno=2)
def test_pipeline_failure_does_not_hang() -> None:
    with pytest.raises(ExceptionGroup) as caught:
        run(pipeline(_numbers(50, []), Worker(0.01, fail_on=3), workers=2, maxsize=2))
    assert caught.group_contains(ValueError), "the failure must surface, and the producer must be cancelled"


async def _collect(items: list[tuple[float, int | None]], size: int, max_wait: float) -> list[tuple[float, list[int]]]:
    """Put (delay, item) pairs into a queue from a producer task; collect (time, batch) pairs."""
    queue: asyncio.Queue[int | None] = asyncio.Queue()

    async def feed() -> None:
        for delay, item in items:
            await asyncio.sleep(delay)
            await queue.put(item)

    started = time.perf_counter()
    feeding = asyncio.create_task(feed())
    out = [(time.perf_counter() - started, batch) async for batch in batches(queue, size, max_wait)]
    await feeding
    return out


@pytest.mark.task(taskno=3)
def test_batches_groups_by_size_and_flushes_the_rest() -> None:
    items: list[tuple[float, int | None]] = [(0, n) for n in range(7)] + [(0, None)]
    out, _ = run(_collect(items, size=3, max_wait=5.0))
    got = [batch for _, batch in out]
    assert got == [[0, 1, 2], [3, 4, 5], [6]], (
        f"got {got}: 0 is an item like any other (only None is the end), and the end marker flushes the last batch"
    )


@pytest.mark.task(taskno=3)
def test_batches_flushes_a_partial_batch_after_max_wait() -> None:
    items: list[tuple[float, int | None]] = [(0, 1), (0, 2), (0.5, 3), (0, None)]
    out, _ = run(_collect(items, size=10, max_wait=0.1))
    assert [batch for _, batch in out] == [[1, 2], [3]]
    first_at = out[0][0]
    assert first_at < 0.4, f"the first batch came at {first_at:.2f} s: flush once the oldest item waited 0.1 s"


@pytest.mark.task(taskno=3)
def test_batches_counts_max_wait_from_the_oldest_item() -> None:
    items: list[tuple[float, int | None]] = [(0, 1), (0.06, 2), (0.06, 3), (0.06, 4), (0.06, 5), (0, None)]
    out, _ = run(_collect(items, size=10, max_wait=0.15))
    got = [batch for _, batch in out]
    assert len(got) >= 2, (
        f"got {got}: items arrive every 0.06 s, so a batch must go once its first item has waited 0.15 s, "
        "not when no new item came for 0.15 s"
    )
    assert [item for batch in got for item in batch] == [1, 2, 3, 4, 5]


@pytest.mark.task(taskno=3)
def test_batches_never_yields_an_empty_list() -> None:
    items: list[tuple[float, int | None]] = [(0.3, None)]
    out, _ = run(_collect(items, size=3, max_wait=0.05))
    assert out == [], "nothing arrived: nothing to flush, however long we waited"


@pytest.mark.task(taskno=3)
def test_batches_starts_the_clock_again_after_a_full_batch() -> None:
    items: list[tuple[float, int | None]] = [(0, 1), (0, 2), (0.3, 3), (0.05, 4), (0, None)]
    out, _ = run(_collect(items, size=2, max_wait=0.2))
    assert [batch for _, batch in out] == [[1, 2], [3, 4]], (
        "after a full batch there is no deadline until the next item arrives: no empty flush in between"
    )


@pytest.mark.task(taskno=3)
def test_batches_of_one_and_a_bad_size() -> None:
    items: list[tuple[float, int | None]] = [(0, 1), (0, 2), (0, None)]
    out, _ = run(_collect(items, size=1, max_wait=1.0))
    assert [batch for _, batch in out] == [[1], [2]]
    with pytest.raises(ValueError, match=r"^size must be 1 or more"):
        run(_collect([(0, None)], size=0, max_wait=1.0))
