"""Timeouts and cancellation: stop waiting in time, retry sensibly, clean up when cancelled."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from timeouts_and_cancellation_given import Connection, Pool

T = TypeVar("T")

RETRYABLE = (TimeoutError, ConnectionError)

_background: set[asyncio.Task[Any]] = set()


async def with_timeout(awaitable: Awaitable[T], seconds: float, default: T) -> T:
    """Task 1: the awaitable's result, or `default` if it takes longer than `seconds` (it is then cancelled)."""
    try:
        async with asyncio.timeout(seconds):
            return await awaitable
    except TimeoutError:
        return default


async def retry(operation: Callable[[], Awaitable[T]], attempts: int, timeout: float, backoff: float) -> T:
    """Task 2: call `operation` up to `attempts` times, each under `timeout` seconds.

    Retry on TimeoutError and ConnectionError, sleeping backoff, 2*backoff, 4*backoff, ... between
    attempts; raise the last error when every attempt failed. Other errors are not retried.
    """
    if attempts < 1:
        raise ValueError(f"attempts must be 1 or more, got {attempts}")
    for attempt in range(attempts - 1):
        try:
            async with asyncio.timeout(timeout):
                return await operation()
        except RETRYABLE:
            await asyncio.sleep(backoff * 2**attempt)
    async with asyncio.timeout(timeout):  # the last attempt: its error is the caller's
        return await operation()


async def use_connection(pool: Pool, work: Callable[[Connection], Awaitable[T]]) -> T:
    """Task 3: run work(connection) and always give the connection back.

    If we are cancelled mid-work the connection may hold a half-done query: mark it discarded
    before releasing it, and let the cancellation carry on.
    """
    connection = await pool.acquire()
    try:
        return await work(connection)
    except asyncio.CancelledError:
        connection.discarded = True
        raise
    finally:
        pool.release(connection)


async def save_despite_cancel(save: Coroutine[Any, Any, T]) -> T:
    """Task 4: run `save` so that cancelling the caller does not cancel the save itself."""
    task = asyncio.create_task(save)
    _background.add(task)
    task.add_done_callback(_background.discard)
    return await asyncio.shield(task)
