"""The orders service's HTTP API and event wiring. Bootstrap: `uvicorn --factory microshop.orders.orders_app:create_app`."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

import httpx
from fastapi import Depends, FastAPI, HTTPException, Path, status

from microshop.common.bootstrap import health, open_bus
from microshop.common.consumers import with_retries
from microshop.common.events import INVENTORY_REJECTED, INVENTORY_RESERVED, EventBus
from microshop.common.outbox import OutboxRelay
from microshop.common.request_plumbing import RequestIdMiddleware, service_client
from microshop.common.schemas import NewOrder, Order
from microshop.common.security import require_caller
from microshop.common.settings import Settings
from microshop.orders.orders_db import OrdersDb
from microshop.orders.orders_handlers import (
    CatalogUnavailableError,
    UnknownProductError,
    on_inventory_outcome,
    place_order,
)

ORDER_ID = Path(pattern=r"^[0-9a-f]{32}$")


def create_app(
    settings: Settings | None = None,
    *,
    bus: EventBus | None = None,
    catalog_transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    """Build the orders service: its database, its catalog client, its bus subscriptions (on start-up)."""
    settings = settings or Settings.from_env(os.environ, "orders")
    caller = Depends(require_caller("orders", settings.tokens))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = await asyncio.to_thread(OrdersDb, settings.database)
        catalog = service_client(
            settings.catalog_url, settings.tokens["orders"], timeout=settings.http_timeout, transport=catalog_transport
        )
        opened = await open_bus(settings, bus)
        relay = OutboxRelay(store.outbox, opened)
        handler = with_retries(partial(on_inventory_outcome, store=store, relay=relay))
        for event_type in (INVENTORY_RESERVED, INVENTORY_REJECTED):
            await opened.subscribe(event_type, handler, group="orders")
        app.state.store, app.state.catalog, app.state.relay = store, catalog, relay
        relaying = asyncio.create_task(relay.run(), name="orders-outbox-relay")
        try:
            yield
        finally:
            relaying.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await relaying
            await relay.flush()  # a last try, while the bus is still open
            await opened.close()
            await catalog.aclose()
            await asyncio.to_thread(store.close)

    app = FastAPI(openapi_url=None, lifespan=lifespan)
    app.add_middleware(RequestIdMiddleware)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return health("orders")

    @app.post("/orders", status_code=status.HTTP_201_CREATED, dependencies=[caller])
    async def create_order(new: NewOrder) -> Order:
        try:
            return await place_order(new, store=app.state.store, catalog=app.state.catalog, relay=app.state.relay)
        except UnknownProductError as error:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, f"unknown product {error}") from error
        except CatalogUnavailableError as error:
            raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, str(error)) from error

    @app.get("/orders/{order_id}", dependencies=[caller])
    async def get_order(order_id: str = ORDER_ID) -> Order:
        order: Order | None = await asyncio.to_thread(app.state.store.get, order_id)
        if order is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no such order")
        return order

    return app
