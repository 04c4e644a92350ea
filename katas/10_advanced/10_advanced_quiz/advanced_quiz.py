"""Advanced quiz: a payment webhook that trusts no caller, survives a flaky service and counts each payment once."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx


class ServiceError(Exception):
    """The orders service gave no answer (after retrying what was worth retrying)."""


@dataclass(frozen=True)
class Payment:
    """A payment the provider reports: its event id, the order it pays and the amount in cents."""

    id: str
    order: str
    amount: int


def read_payment(headers: Mapping[str, str], data: Mapping[str, Any], token: str) -> Payment:
    """The Payment in a webhook call. PermissionError unless `Authorization` is `Bearer <token>` (constant time);
    ValueError naming the first bad field."""
    raise NotImplementedError("read_payment: write me (task 1)")


def order_total(
    client: httpx.Client,
    order: str,
    *,
    delays: Sequence[float] = (0.1, 0.2),
    timeout: float = 2.0,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """The order's `total` in cents from `GET /orders/{order}`, with a timeout. Timeouts, connection errors, 429 and
    502/503/504 are retried after each delay; anything else, or the last failure, raises ServiceError."""
    raise NotImplementedError("order_total: write me (task 2)")


@dataclass
class PaymentInbox:
    """Receives the provider's webhook calls. A call may come twice: each event id is counted once."""

    client: httpx.Client
    token: str
    sleep: Callable[[float], None] = time.sleep  # pass it on to order_total: tests replace it, nothing really waits
    paid: dict[str, int] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)

    def handle(self, headers: Mapping[str, str], data: Mapping[str, Any]) -> bool:
        """Read the payment, check it against the order's total and record it: True, or False for an event id
        already recorded. Errors from reading, from the service or a wrong amount propagate; nothing is recorded."""
        raise NotImplementedError("PaymentInbox.handle: write me (task 3)")
