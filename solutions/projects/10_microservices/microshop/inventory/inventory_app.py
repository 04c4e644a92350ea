"""The inventory service. Bootstrap: `uvicorn --factory microshop.inventory.inventory_app:create_app`."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from fastapi import Depends, FastAPI, Path

from microshop.catalog.catalog_app import PRODUCTS
from microshop.common.bootstrap import health, open_bus
from microshop.common.consumers import with_retries
from microshop.common.events import ORDER_PLACED, EventBus
from microshop.common.outbox import OutboxRelay
from microshop.common.request_plumbing import RequestIdMiddleware
from microshop.common.security import require_caller
from microshop.common.settings import Settings
from microshop.inventory.inventory_handlers import on_order_placed
from microshop.inventory.stock_db import StockDb


def create_app(settings: Settings | None = None, *, bus: EventBus | None = None) -> FastAPI:
    """Build the inventory service: its database (stocked on first start) and its `order.placed` consumer."""
    settings = settings or Settings.from_env(os.environ, "inventory")
    caller = Depends(require_caller("inventory", settings.tokens))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        stock = await asyncio.to_thread(StockDb, settings.database)
        await asyncio.to_thread(stock.stock_up, {product.sku: settings.initial_stock for product in PRODUCTS})
        opened = await open_bus(settings, bus)
        relay = OutboxRelay(stock.outbox, opened)
        handler = with_retries(partial(on_order_placed, stock=stock, relay=relay))
        await opened.subscribe(ORDER_PLACED, handler, group="inventory")
        app.state.stock = stock
        relaying = asyncio.create_task(relay.run(), name="inventory-outbox-relay")
        try:
            yield
        finally:
            relaying.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await relaying
            await relay.flush()  # a last try, while the bus is still open
            await opened.close()
            await asyncio.to_thread(stock.close)

    app = FastAPI(openapi_url=None, lifespan=lifespan)
    app.add_middleware(RequestIdMiddleware)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return health("inventory")

    @app.get("/stock/{sku}", dependencies=[caller])
    async def stock_of(sku: str = Path(pattern=r"^[a-z0-9-]{1,32}$")) -> dict[str, int | str]:
        return {"sku": sku, "available": await asyncio.to_thread(app.state.stock.available, sku)}

    return app
