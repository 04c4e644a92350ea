"""Talking to another service: a client with timeouts and retries, and a consumer that survives redelivery."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

RETRY_STATUSES = frozenset({429, 502, 503, 504})


class ServiceError(Exception):
    """The inventory service could not give an answer (after retrying when that made sense)."""


def backoff_delays(retries: int, base: float, cap: float = 5.0) -> list[float]:
    """The waits before each retry: base, 2*base, 4*base... each at most `cap`. ValueError for negative input."""
    raise NotImplementedError("backoff_delays: write me (task 1)")


class InventoryClient:
    """Client for the inventory service's `GET /stock/{sku}` -> `{"sku": ..., "available": n}`."""

    def __init__(
        self,
        client: httpx.Client,
        *,
        retries: int = 3,
        base_delay: float = 0.1,
        timeout: float = 2.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client = client
        self.retries = retries
        self.base_delay = base_delay
        self.timeout = timeout
        self.sleep = sleep  # call self.sleep(seconds) to wait: tests replace it, so they never really wait

    def stock(self, sku: str) -> int:
        """Units available for `sku`. LookupError for an unknown sku (404); ServiceError when the service fails.

        Timeouts, connection errors, 429 and 502/503/504 are retried after each backoff delay; other errors are not.
        """
        raise NotImplementedError("InventoryClient.stock: write me (tasks 2 and 3)")


@dataclass
class StockLedger:
    """Consumes stock events. Messages can arrive twice (at-least-once delivery): each event id counts once."""

    levels: dict[str, int] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)

    def apply(self, event: Mapping[str, Any]) -> bool:
        """Apply `{"id", "type": "stock.added" | "stock.removed", "sku", "quantity"}`; False for a duplicate id.

        ValueError for an unknown type, a quantity that is not a whole number or is below 1, or removing more than
        is in stock.
        """
        raise NotImplementedError("StockLedger.apply: write me (task 4)")
