"""The orders service layer: placing an order, and reacting to what inventory decided."""

from __future__ import annotations

import uuid
from typing import Protocol

import httpx

from microshop.common.events import INVENTORY_RESERVED, ORDER_PLACED, ORDER_UPDATED, Event, EventBus
from microshop.common.request_ids import current_request_id
from microshop.common.schemas import NewOrder, Order, Product, Status

OUTCOMES: dict[str, Status] = {INVENTORY_RESERVED: "confirmed"}


class UnknownProductError(Exception):
    """The catalog does not sell this SKU."""


class CatalogUnavailableError(Exception):
    """The catalog did not answer in time, or answered with an error."""


class OrdersStore(Protocol):
    """What the handlers need from storage (OrdersDb, or a dict-backed fake)."""

    def add(self, order: Order) -> None: ...
    def set_status(self, order_id: str, status: Status, *, event_id: str) -> Order | None: ...


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


async def place_order(new: NewOrder, *, store: OrdersStore, catalog: httpx.AsyncClient, bus: EventBus) -> Order:
    """Price the order from the catalog, save it as pending, then announce `order.placed`."""
    product = await fetch_product(catalog, new.sku)
    order = Order(
        id=uuid.uuid4().hex,
        customer=new.customer,
        sku=new.sku,
        quantity=new.quantity,
        total_cents=product.price_cents * new.quantity,
        status="pending",
    )
    store.add(order)
    data = {"order_id": order.id, "sku": order.sku, "quantity": order.quantity}
    await bus.publish(Event(type=ORDER_PLACED, data=data, request_id=current_request_id.get()))
    return order


async def on_inventory_outcome(event: Event, *, store: OrdersStore, bus: EventBus) -> None:
    """`inventory.reserved` confirms an order, `inventory.rejected` rejects it; each event counts once."""
    status = OUTCOMES.get(event.type, "rejected")
    order = store.set_status(str(event.data["order_id"]), status, event_id=event.id)
    if order is None:
        return
    data = {"order_id": order.id, "customer": order.customer, "status": order.status}
    await bus.publish(Event(type=ORDER_UPDATED, data=data, request_id=event.request_id))
