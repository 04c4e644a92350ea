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
    if retries < 0 or base < 0:
        raise ValueError("retries and base must not be negative")
    return [min(cap, base * 2**attempt) for attempt in range(retries)]


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
        self.delays = backoff_delays(retries, base_delay)
        self.timeout = timeout
        self.sleep = sleep

    def stock(self, sku: str) -> int:
        """Units available for `sku`. LookupError for an unknown sku (404); ServiceError when the service fails.

        Timeouts, connection errors, 429 and 502/503/504 are retried after each backoff delay; other errors are not.
        """
        delays = iter(self.delays)
        while True:
            try:
                response = self.client.get(f"/stock/{sku}", timeout=self.timeout)
            except httpx.TransportError as error:
                problem = f"{type(error).__name__} from the inventory service"
            else:
                if response.status_code == 200:
                    return int(response.json()["available"])
                if response.status_code == 404:
                    raise LookupError(sku)
                problem = f"inventory service answered {response.status_code}"
                if response.status_code not in RETRY_STATUSES:
                    raise ServiceError(problem)
            delay = next(delays, None)
            if delay is None:
                raise ServiceError(f"{problem} (gave up after {len(self.delays)} retries)")
            self.sleep(delay)


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
        event_id = str(event["id"])
        if event_id in self.seen:
            return False
        quantity = event["quantity"]
        if not isinstance(quantity, int) or isinstance(quantity, bool):  # JSON's true or 2.5 is not a count
            raise ValueError(f"quantity must be a whole number, got {quantity!r}")
        if quantity < 1:
            raise ValueError(f"quantity must be at least 1, got {quantity}")
        sku = str(event["sku"])
        current = self.levels.get(sku, 0)
        match event["type"]:
            case "stock.added":
                new = current + quantity
            case "stock.removed":
                if quantity > current:
                    raise ValueError(f"cannot remove {quantity} of {sku}: only {current} in stock")
                new = current - quantity
            case other:
                raise ValueError(f"unknown event type {other!r}")
        self.levels[sku] = new
        self.seen.add(event_id)
        return True
