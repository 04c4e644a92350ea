"""Coroutines and the event loop: write a coroutine, await one after another or all at once, and see a blocking call freeze the loop."""

from __future__ import annotations

import asyncio  # noqa: F401 (you will need it)
import time  # noqa: F401 (you will need it)
from collections.abc import Awaitable, Coroutine
from typing import Any, TypeVar

from coroutines_and_the_loop_given import heartbeat  # noqa: F401 (you will need it)

T = TypeVar("T")


async def check(service: str, seconds: float) -> str:
    """Task 1: wait `seconds` without blocking the loop, then return "<service> ok"."""
    raise NotImplementedError("check: write me (task 1)")


def timed(coroutine: Coroutine[Any, Any, T]) -> tuple[T, float]:
    """Task 2: run the coroutine to the end; return its result and the seconds it took."""
    raise NotImplementedError("timed: write me (task 2)")


async def check_one_by_one(services: dict[str, float]) -> list[str]:
    """Task 2: check each service, waiting for one before starting the next; results in the given order."""
    raise NotImplementedError("check_one_by_one: write me (task 2)")


async def check_together(services: dict[str, float]) -> list[str]:
    """Task 3: check every service at the same time; results in the given order."""
    raise NotImplementedError("check_together: write me (task 3)")


async def blocking_check(service: str, seconds: float) -> str:
    """Task 4: the same as check, but waiting with time.sleep (the mistake this task shows)."""
    raise NotImplementedError("blocking_check: write me (task 4)")


async def beats_during(work: Awaitable[T], every: float, seconds: float) -> tuple[T, int]:
    """Task 4: run `work` and a heartbeat (for `seconds` from now) together; (work's result, number of beats)."""
    raise NotImplementedError("beats_during: write me (task 4)")
