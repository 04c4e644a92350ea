"""The orders service layer: placing an order, and reacting to what inventory decided.

Every change is saved together with the event that announces it (the outbox); the relay then publishes it.
The database's blocking calls run in a worker thread (`asyncio.to_thread`), never on the event loop.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from typing import Protocol

import httpx

from microshop.common.events import INVENTORY_RESERVED, ORDER_PLACED, ORDER_UPDATED, Event
from microshop.common.request_ids import current_request_id
from microshop.common.schemas import NewOrder, Order, Product, Status

OUTCOMES: dict[str, Status] = {INVENTORY_RESERVED: "confirmed"}


class UnknownProductError(Exception):
    """The catalog does not sell this SKU."""


class CatalogUnavailableError(Exception):
    """The catalog did not answer in time, or answered with an error."""


class OrdersStore(Protocol):
    """What the handlers need from storage (OrdersDb, or a fake)."""

    def add(self, order: Order, placed: Event) -> None: ...
    def set_status(
        self, order_id: str, status: Status, *, event_id: str, announce: Callable[[Order], Event]
    ) -> Order | None: ...


class Relay(Protocol):
    """Publishes what the store staged (an `OutboxRelay`)."""

    async def flush(self) -> int: ...


async def fetch_product(catalog: httpx.AsyncClient, sku: str) -> Product:
    """The catalog's product for `sku`. UnknownProductError on 404; CatalogUnavailableError on a timeout or other error."""
    try:
        response = await catalog.get(f"/products/{sku}")
    except httpx.HTTPError as error:
        raise CatalogUnavailableError(f"catalog: {type(error).__name__}") from error
    if response.status_code == httpx.codes.NOT_FOUND:
        raise UnknownProductError(sku)
    if response.status_code != httpx.codes.OK:
        raise CatalogUnavailableError(f"catalog answered {response.status_code}")
    return Product.model_validate_json(response.content)


async def place_order(new: NewOrder, *, store: OrdersStore, catalog: httpx.AsyncClient, relay: Relay) -> Order:
    """Price the order from the catalog, save it as pending with its `order.placed` event, then publish."""
    product = await fetch_product(catalog, new.sku)
    order = Order(
        id=uuid.uuid4().hex,
        customer=new.customer,
        sku=new.sku,
        quantity=new.quantity,
        total_cents=product.price_cents * new.quantity,
        status="pending",
    )
    data = {"order_id": order.id, "sku": order.sku, "quantity": order.quantity}
    placed = Event(type=ORDER_PLACED, data=data, request_id=current_request_id.get())
    await asyncio.to_thread(store.add, order, placed)
    await relay.flush()  # a failed publish is not the customer's problem: the relay's loop tries again
    return order


async def on_inventory_outcome(event: Event, *, store: OrdersStore, relay: Relay) -> None:
    """`inventory.reserved` confirms an order, `inventory.rejected` rejects it; each event counts once."""

    def updated(order: Order) -> Event:
        data = {"order_id": order.id, "customer": order.customer, "status": order.status}
        return Event(type=ORDER_UPDATED, data=data, request_id=event.request_id)

    status = OUTCOMES.get(event.type, "rejected")
    order_id = str(event.data["order_id"])
    await asyncio.to_thread(store.set_status, order_id, status, event_id=event.id, announce=updated)
    await relay.flush()
