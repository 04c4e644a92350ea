"""Fan `order.updated` events out to the WebSockets of the customer who owns the order."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

from microshop.common.events import Event


class OrderUpdates:
    """One queue per open WebSocket, grouped by customer. A customer never sees another's orders."""

    def __init__(self) -> None:
        self._queues: dict[str, set[asyncio.Queue[dict[str, Any]]]] = defaultdict(set)

    def listen(self, customer: str) -> asyncio.Queue[dict[str, Any]]:
        """A new queue that will receive `customer`'s updates."""
        raise NotImplementedError("listen: write me (task 15)")

    def stop(self, customer: str, queue: asyncio.Queue[dict[str, Any]]) -> None:
        """Forget a queue (its WebSocket closed)."""
        raise NotImplementedError("stop: write me (task 15)")

    async def on_order_updated(self, event: Event) -> None:
        """Handler for `order.updated`: put `{order_id, status}` on the customer's queues."""
        raise NotImplementedError("on_order_updated: write me (task 15)")
