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
    raise NotImplementedError("run_workers: write me (task 1)")


async def pipeline(
    source: AsyncIterable[J], handle: Callable[[J], Awaitable[R]], workers: int, maxsize: int
) -> list[R]:
    """Task 2: a producer feeds a bounded queue (at most `maxsize` waiting) from `source`; workers drain it."""
    raise NotImplementedError("pipeline: write me (task 2)")


async def batches(queue: asyncio.Queue[T | None], size: int, max_wait: float) -> AsyncIterator[list[T]]:
    """Task 3: yield items from `queue` in lists of `size`, or fewer once the oldest has waited `max_wait`.

    `None` in the queue means the end: yield what is left, then stop. Never yield an empty list.
    """
    raise NotImplementedError("batches: write me (task 3)")
    yield []  # unreachable: the `yield` makes this an async generator, as `async for` needs
