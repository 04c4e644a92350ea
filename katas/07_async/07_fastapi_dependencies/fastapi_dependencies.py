"""FastAPI dependencies: a shared client opened by the lifespan, injected with Depends, replaced in tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

import httpx
from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException, Query, Request, status  # noqa: F401
from fastapi_dependencies_given import Settings, UpstreamError, get_settings  # noqa: F401 (you will need them)

TITLE = "Quotes"
MISSING_KEY = "send a valid X-API-Key header"

router = APIRouter()

SYMBOLS = r"^[A-Z]{3}(,[A-Z]{3}){0,19}$"  # 1 to 20 three-letter codes, comma-separated (task 3)


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
