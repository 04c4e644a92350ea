"""FastAPI dependencies: a shared client opened by the lifespan, injected with Depends, replaced in tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

import httpx
from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException, Query, Request, status  # noqa: F401
from pydantic import BaseModel

TITLE = "Quotes"
MISSING_KEY = "send a valid X-API-Key header"

router = APIRouter()

SYMBOLS = r"^[A-Z]{3}(,[A-Z]{3}){0,19}$"  # 1 to 20 three-letter codes, comma-separated (task 3)


class Settings(BaseModel):
    """What the service needs to know. (Given.)"""

    upstream_url: str = "http://rates.internal"
    upstream_timeout: float = 2.0
    api_keys: frozenset[str] = frozenset()


class UpstreamError(Exception):
    """The rates service did not answer properly. (Given.)"""


def get_settings(request: Request) -> Settings:
    """The app's settings. (Given: tests may replace it through app.dependency_overrides.)"""
    settings: Settings = request.app.state.settings
    return settings


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Task 1: open ONE httpx.AsyncClient for the app's whole life (app.state.http); close it at shutdown."""
    raise NotImplementedError("lifespan: write me (task 1)")
    yield  # unreachable: the `yield` makes this a context manager


def get_http(request: Request) -> httpx.AsyncClient:
    """Task 2: the shared client the lifespan opened."""
    raise NotImplementedError("get_http: write me (task 2)")


def require_api_key(
    settings: Annotated[Settings, Depends(get_settings)],
    x_api_key: Annotated[str | None, Header()] = None,
) -> None:
    """Task 2: 401 (MISSING_KEY, WWW-Authenticate: ApiKey) unless X-API-Key holds one of settings.api_keys."""
    raise NotImplementedError("require_api_key: write me (task 2)")


async def fetch_rate(http: httpx.AsyncClient, symbol: str) -> float:
    """Task 3: GET /rates/<symbol> upstream and return its "rate"; UpstreamError when that fails."""
    raise NotImplementedError("fetch_rate: write me (task 3)")


@router.get("/quotes", dependencies=[Depends(require_api_key)])
async def quotes(
    symbols: str,
    http: Annotated[httpx.AsyncClient, Depends(get_http)],
) -> dict[str, float]:
    """Task 3: {symbol: rate} for the comma-separated symbols, fetched at the same time; 502 if any fails."""
    raise NotImplementedError("quotes: write me (task 3)")


def create_app(settings: Settings | None = None, transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """The app. `transport` lets tests put a fake rates service behind the shared client. (Given.)"""
    app = FastAPI(title=TITLE, lifespan=lifespan)
    app.state.settings = settings or Settings()
    app.state.transport = transport
    app.include_router(router)
    return app
