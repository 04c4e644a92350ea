"""Given, not to edit: the app, with an empty store, serving your router from fastapi_endpoints.py."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi_endpoints import TITLE, TalkStore, router


def create_app() -> FastAPI:
    """The app with an empty store."""
    app = FastAPI(title=TITLE)
    app.state.store = TalkStore()
    app.include_router(router)
    return app
