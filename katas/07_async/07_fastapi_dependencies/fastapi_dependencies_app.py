"""Given, not to edit: the app, wired to your lifespan and router in fastapi_dependencies.py."""

from __future__ import annotations

import httpx
from fastapi import FastAPI
from fastapi_dependencies import TITLE, lifespan, router
from fastapi_dependencies_given import Settings


def create_app(settings: Settings | None = None, transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """The app. `transport` lets tests put a fake rates service behind the shared client."""
    app = FastAPI(title=TITLE, lifespan=lifespan)
    app.state.settings = settings or Settings()
    app.state.transport = transport
    app.include_router(router)
    return app
