"""The inventory service layer: reserve stock for a placed order, then say how it went."""

from __future__ import annotations

from typing import Protocol

from microshop.common.events import INVENTORY_REJECTED, INVENTORY_RESERVED, Event, EventBus


class StockStore(Protocol):
    def reserve(self, sku: str, quantity: int, *, event_id: str) -> bool | None: ...


async def on_order_placed(event: Event, *, stock: StockStore, bus: EventBus) -> None:
    """Reserve the order's stock once per event and publish `inventory.reserved` or `inventory.rejected`."""
    sku, quantity = str(event.data["sku"]), int(event.data["quantity"])
    reserved = stock.reserve(sku, quantity, event_id=event.id)
    if reserved is None:
        return  # handled already: a redelivery changes nothing and announces nothing
    outcome = INVENTORY_RESERVED if reserved else INVENTORY_REJECTED
    data = {"order_id": event.data["order_id"], "sku": sku, "quantity": quantity}
    await bus.publish(Event(type=outcome, data=data, request_id=event.request_id))
