"""Producers and consumers: asyncio.Queue between the code that finds work and the code that does it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Iterable
from typing import TypeVar

J = TypeVar("J")
R = TypeVar("R")
T = TypeVar("T")


async def run_workers(jobs: Iterable[J], handle: Callable[[J], Awaitable[R]], workers: int) -> list[R]:
    """Task 1: `workers` tasks take jobs from one queue; results in job order; errors as an ExceptionGroup."""
    if workers < 1:
        raise ValueError(f"workers must be 1 or more, got {workers}")
    queue: asyncio.Queue[tuple[int, J]] = asyncio.Queue()
    for numbered in enumerate(jobs):
        queue.put_nowait(numbered)
    results: dict[int, R] = {}

    async def worker() -> None:
        while True:
            try:
                index, job = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            results[index] = await handle(job)

    async with asyncio.TaskGroup() as group:
        for _ in range(min(workers, queue.qsize())):
            group.create_task(worker())
    return [results[index] for index in range(len(results))]


async def pipeline(
    source: AsyncIterable[J], handle: Callable[[J], Awaitable[R]], workers: int, maxsize: int
) -> list[R]:
    """Task 2: a producer feeds a bounded queue (at most `maxsize` waiting) from `source`; workers drain it."""
    if workers < 1:
        raise ValueError(f"workers must be 1 or more, got {workers}")
    if maxsize < 1:
        raise ValueError(f"maxsize must be 1 or more, got {maxsize}")
    queue: asyncio.Queue[tuple[int, J] | None] = asyncio.Queue(maxsize)
    results: dict[int, R] = {}

    async def producer() -> None:
        index = 0
        async for job in source:
            await queue.put((index, job))
            index += 1
        for _ in range(workers):
            await queue.put(None)  # one "no more work" marker per worker

    async def worker() -> None:
        while (item := await queue.get()) is not None:
            index, job = item
            results[index] = await handle(job)

    async with asyncio.TaskGroup() as group:
        group.create_task(producer())
        for _ in range(workers):
            group.create_task(worker())
    return [results[index] for index in range(len(results))]


async def batches(queue: asyncio.Queue[T | None], size: int, max_wait: float) -> AsyncIterator[list[T]]:
    """Task 3: yield items from `queue` in lists of `size`, or fewer once the oldest has waited `max_wait`.

    `None` in the queue means the end: yield what is left, then stop. Never yield an empty list.
    """
    if size < 1:
        raise ValueError(f"size must be 1 or more, got {size}")
    loop = asyncio.get_running_loop()
    batch: list[T] = []
    deadline: float | None = None  # when the current batch must go, counted from its first item
    while True:
        try:
            async with asyncio.timeout_at(deadline):
                item = await queue.get()
        except TimeoutError:
            yield batch
            batch, deadline = [], None
            continue
        if item is None:
            if batch:
                yield batch
            return
        if deadline is None:
            deadline = loop.time() + max_wait
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch, deadline = [], None
