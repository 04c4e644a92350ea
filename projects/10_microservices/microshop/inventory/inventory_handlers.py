"""The inventory service layer: reserve stock for a placed order, then say how it went.

The stock change and the event announcing it are saved together (the outbox); the relay then publishes it.
The database's blocking calls run in a worker thread (`asyncio.to_thread`), never on the event loop.
"""

from __future__ import annotations

import asyncio  # noqa: F401  # you will need it
from collections.abc import Callable
from typing import Protocol

from microshop.common.events import Event


class StockStore(Protocol):
    def reserve(self, sku: str, quantity: int, *, event_id: str, announce: Callable[[bool], Event]) -> bool | None: ...


class Relay(Protocol):
    """Publishes what the store staged (an `OutboxRelay`)."""

    async def flush(self) -> int: ...


async def on_order_placed(event: Event, *, stock: StockStore, relay: Relay) -> None:
    """Reserve the order's stock once per event and announce `inventory.reserved` or `inventory.rejected`."""
    raise NotImplementedError("on_order_placed: write me (task 9)")
