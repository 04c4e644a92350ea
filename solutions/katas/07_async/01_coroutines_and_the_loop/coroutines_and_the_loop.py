"""Coroutines and the event loop: write a coroutine, await one after another or all at once, and see a blocking call freeze the loop."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Coroutine
from typing import Any, TypeVar

from coroutines_and_the_loop_given import heartbeat

T = TypeVar("T")


async def check(service: str, seconds: float) -> str:
    """Task 1: wait `seconds` without blocking the loop, then return "<service> ok"."""
    await asyncio.sleep(seconds)
    return f"{service} ok"


def timed(coroutine: Coroutine[Any, Any, T]) -> tuple[T, float]:
    """Task 2: run the coroutine to the end; return its result and the seconds it took."""
    started = time.perf_counter()
    result = asyncio.run(coroutine)
    return result, time.perf_counter() - started


async def check_one_by_one(services: dict[str, float]) -> list[str]:
    """Task 2: check each service, waiting for one before starting the next; results in the given order."""
    results = []
    for service, seconds in services.items():
        results.append(await check(service, seconds))
    return results


async def check_together(services: dict[str, float]) -> list[str]:
    """Task 3: check every service at the same time; results in the given order."""
    return list(await asyncio.gather(*(check(service, seconds) for service, seconds in services.items())))


async def blocking_check(service: str, seconds: float) -> str:
    """Task 4: the same as check, but waiting with time.sleep (the mistake this task shows)."""
    time.sleep(seconds)
    return f"{service} ok"


async def beats_during(work: Awaitable[T], every: float, seconds: float) -> tuple[T, int]:
    """Task 4: run `work` and a heartbeat (for `seconds` from now) together; (work's result, number of beats)."""
    beats: list[float] = []
    result, _ = await asyncio.gather(work, heartbeat(beats, every, time.perf_counter() + seconds))
    return result, len(beats)
