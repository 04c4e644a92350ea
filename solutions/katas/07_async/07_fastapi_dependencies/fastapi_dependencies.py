"""FastAPI dependencies: a shared client opened by the lifespan, injected with Depends, replaced in tests."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

import httpx
from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException, Query, Request, status
from fastapi_dependencies_given import Settings, UpstreamError, get_settings

TITLE = "Quotes"
MISSING_KEY = "send a valid X-API-Key header"

router = APIRouter()

SYMBOLS = r"^[A-Z]{3}(,[A-Z]{3}){0,19}$"


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Task 1: open ONE httpx.AsyncClient for the app's whole life (app.state.http); close it at shutdown."""
    settings: Settings = app.state.settings
    async with httpx.AsyncClient(
        base_url=settings.upstream_url, timeout=settings.upstream_timeout, transport=app.state.transport
    ) as client:
        app.state.http = client
        yield


def get_http(request: Request) -> httpx.AsyncClient:
    """Task 2: the shared client the lifespan opened."""
    client: httpx.AsyncClient = request.app.state.http
    return client


def require_api_key(
    settings: Annotated[Settings, Depends(get_settings)],
    x_api_key: Annotated[str | None, Header()] = None,
) -> None:
    """Task 2: 401 (MISSING_KEY, WWW-Authenticate: ApiKey) unless X-API-Key holds one of settings.api_keys."""
    if x_api_key is None or x_api_key not in settings.api_keys:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, MISSING_KEY, headers={"WWW-Authenticate": "ApiKey"})


async def fetch_rate(http: httpx.AsyncClient, symbol: str) -> float:
    """Task 3: GET /rates/<symbol> upstream and return its "rate"; UpstreamError when that fails."""
    try:
        response = await http.get(f"/rates/{symbol}")
        response.raise_for_status()
        rate = response.json()["rate"]
    except (httpx.HTTPError, ValueError, KeyError) as error:
        raise UpstreamError(f"upstream failed for {symbol}") from error
    if not isinstance(rate, int | float) or isinstance(rate, bool):
        raise UpstreamError(f"upstream sent a bad rate for {symbol}")
    return float(rate)


@router.get("/quotes", dependencies=[Depends(require_api_key)])
async def quotes(
    symbols: Annotated[str, Query(pattern=SYMBOLS)],
    http: Annotated[httpx.AsyncClient, Depends(get_http)],
) -> dict[str, float]:
    """Task 3: {symbol: rate} for the comma-separated symbols, fetched at the same time; 502 if any fails."""
    wanted = list(dict.fromkeys(symbols.split(",")))
    try:
        async with asyncio.TaskGroup() as group:
            tasks = {symbol: group.create_task(fetch_rate(http, symbol)) for symbol in wanted}
    except* UpstreamError as failures:
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, str(failures.exceptions[0])) from None
    return {symbol: task.result() for symbol, task in tasks.items()}
