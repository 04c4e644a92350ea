"""Timeouts and cancellation: stop waiting in time, retry sensibly, clean up when cancelled."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from timeouts_and_cancellation_given import Connection, Pool

T = TypeVar("T")

RETRYABLE = (TimeoutError, ConnectionError)

_background: set[asyncio.Task[Any]] = set()  # tasks that must outlive their caller (task 4)


async def with_timeout(awaitable: Awaitable[T], seconds: float, default: T) -> T:
    """Task 1: the awaitable's result, or `default` if it takes longer than `seconds` (it is then cancelled)."""
    raise NotImplementedError("with_timeout: write me (task 1)")


async def retry(operation: Callable[[], Awaitable[T]], attempts: int, timeout: float, backoff: float) -> T:
    """Task 2: call `operation` up to `attempts` times, each under `timeout` seconds.

    Retry on TimeoutError and ConnectionError, sleeping backoff, 2*backoff, 4*backoff, ... between
    attempts; raise the last error when every attempt failed. Other errors are not retried.
    """
    raise NotImplementedError("retry: write me (task 2)")


async def use_connection(pool: Pool, work: Callable[[Connection], Awaitable[T]]) -> T:
    """Task 3: run work(connection) and always give the connection back.

    If we are cancelled mid-work the connection may hold a half-done query: mark it discarded
    before releasing it, and let the cancellation carry on.
    """
    raise NotImplementedError("use_connection: write me (task 3)")


async def save_despite_cancel(save: Coroutine[Any, Any, T]) -> T:
    """Task 4: run `save` so that cancelling the caller does not cancel the save itself."""
    raise NotImplementedError("save_despite_cancel: write me (task 4)")
