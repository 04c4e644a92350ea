"""The inventory service layer: reserve stock for a placed order, then say how it went."""

from __future__ import annotations

from typing import Protocol

from microshop.common.events import Event, EventBus


class StockStore(Protocol):
    def reserve(self, sku: str, quantity: int, *, event_id: str) -> bool | None: ...


async def on_order_placed(event: Event, *, stock: StockStore, bus: EventBus) -> None:
    """Reserve the order's stock once per event and publish `inventory.reserved` or `inventory.rejected`."""
    raise NotImplementedError("on_order_placed: write me (task 9)")
