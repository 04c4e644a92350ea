"""The orders service's HTTP API and event wiring. Bootstrap: `uvicorn --factory microshop.orders.orders_app:create_app`."""

from __future__ import annotations

import httpx
from fastapi import FastAPI, Path

from microshop.common.events import EventBus
from microshop.common.settings import Settings

ORDER_ID = Path(pattern=r"^[0-9a-f]{32}$")


def create_app(
    settings: Settings | None = None,
    *,
    bus: EventBus | None = None,
    catalog_transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    """Build the orders service: its database, its catalog client, its bus subscriptions (on start-up)."""
    raise NotImplementedError("create_app: write me (tasks 6-8 and 11)")
