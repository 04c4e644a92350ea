"""A bounded-concurrency fetcher: many requests at once, but never more than the server can take."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Sequence
from typing import TypeVar

import httpx
from bounded_fetcher_given import Result

T = TypeVar("T")


async def fetch_one(client: httpx.AsyncClient, url: str) -> Result:
    """Task 1: GET url; a Result for every outcome (it never raises for network or HTTP errors)."""
    try:
        response = await client.get(url)
    except httpx.TransportError as error:
        return Result(url, error=type(error).__name__)
    if not response.is_success:
        return Result(url, status=response.status_code, error=f"HTTP {response.status_code}")
    try:
        data = response.json()
    except json.JSONDecodeError:
        return Result(url, status=response.status_code, error="invalid JSON")
    return Result(url, status=response.status_code, data=data)


async def fetch_all(client: httpx.AsyncClient, urls: Sequence[str], limit: int) -> list[Result]:
    """Task 2: fetch every URL concurrently, at most `limit` at a time; results in the order of `urls`."""
    if limit < 1:
        raise ValueError(f"limit must be 1 or more, got {limit}")
    gate = asyncio.Semaphore(limit)

    async def bounded(url: str) -> Result:
        async with gate:
            return await fetch_one(client, url)

    return list(await asyncio.gather(*(bounded(url) for url in urls)))


async def parse_all(payloads: Sequence[bytes], parse: Callable[[bytes], T]) -> list[T]:
    """Task 3: run the blocking `parse` on every payload in worker threads, so the event loop stays free."""
    return list(await asyncio.gather(*(asyncio.to_thread(parse, payload) for payload in payloads)))
