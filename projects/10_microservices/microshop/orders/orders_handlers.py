"""The orders service layer: placing an order, and reacting to what inventory decided.

Every change is saved together with the event that announces it (the outbox); the relay then publishes it.
The database's blocking calls run in a worker thread (`asyncio.to_thread`), never on the event loop.
"""

from __future__ import annotations

import asyncio  # noqa: F401  # you will need it
from collections.abc import Callable
from typing import Protocol

import httpx

from microshop.common.events import INVENTORY_RESERVED, Event
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
    raise NotImplementedError("fetch_product: write me (task 7)")


async def place_order(new: NewOrder, *, store: OrdersStore, catalog: httpx.AsyncClient, relay: Relay) -> Order:
    """Price the order from the catalog, save it as pending with its `order.placed` event, then publish."""
    raise NotImplementedError("place_order: write me (task 7)")


async def on_inventory_outcome(event: Event, *, store: OrdersStore, relay: Relay) -> None:
    """`inventory.reserved` confirms an order, `inventory.rejected` rejects it; each event counts once."""
    raise NotImplementedError("on_inventory_outcome: write me (task 11)")
