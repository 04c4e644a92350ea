"""Retries for event handlers. Deduplication lives with each service's data (see its repository)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from microshop.common.events import Event, Handler

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]


class GaveUpError(Exception):
    """A handler failed on every attempt; the event is left for a human (or a dead-letter queue)."""


def with_retries(
    handler: Handler, *, attempts: int = 3, base_delay: float = 0.05, sleep: Sleep = asyncio.sleep
) -> Handler:
    """Wrap `handler`: on an exception, wait `base_delay`, then twice as long, ... up to `attempts` tries.

    After the last failure it raises `GaveUpError` from the handler's error.
    """
    if attempts < 1:
        raise ValueError("attempts must be at least 1")

    async def retrying(event: Event) -> None:
        delay = base_delay
        for attempt in range(1, attempts + 1):
            try:
                await handler(event)
            except Exception as error:
                if attempt == attempts:
                    raise GaveUpError(f"{event.type} {event.id}: failed {attempts} times") from error
                log.warning("%s %s failed (attempt %d of %d), retrying", event.type, event.id, attempt, attempts)
                await sleep(delay)
                delay *= 2
            else:
                return

    return retrying
