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
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=100)
        self._queues[customer].add(queue)
        return queue

    def stop(self, customer: str, queue: asyncio.Queue[dict[str, Any]]) -> None:
        """Forget a queue (its WebSocket closed)."""
        self._queues[customer].discard(queue)
        if not self._queues[customer]:
            del self._queues[customer]

    async def on_order_updated(self, event: Event) -> None:
        """Handler for `order.updated`: put `{order_id, status}` on the customer's queues."""
        update = {"order_id": event.data["order_id"], "status": event.data["status"]}
        for queue in list(self._queues.get(str(event.data["customer"]), ())):
            if not queue.full():  # a stalled client loses updates rather than stalling everyone
                queue.put_nowait(update)
