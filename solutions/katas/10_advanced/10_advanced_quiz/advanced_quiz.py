"""Advanced quiz: a payment webhook that trusts no caller, survives a flaky service and counts each payment once."""

from __future__ import annotations

import hmac
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

RETRY_STATUSES = frozenset({429, 502, 503, 504})
_EVENT_ID = re.compile(r"evt_[a-z0-9]{1,32}")
_ORDER = re.compile(r"[0-9]{1,9}")


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
    sent = headers.get("Authorization", "").encode()
    if not hmac.compare_digest(sent, f"Bearer {token}".encode()):
        raise PermissionError("not the payment provider")
    event_id, order, amount = data.get("id"), data.get("order"), data.get("amount")
    if not isinstance(event_id, str) or not _EVENT_ID.fullmatch(event_id):
        raise ValueError("id: evt_ and 1 to 32 lower-case letters or digits")
    if not isinstance(order, str) or not _ORDER.fullmatch(order):
        raise ValueError("order: 1 to 9 ASCII digits, as text")
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 1:
        raise ValueError("amount: a whole number of cents, at least 1")
    return Payment(event_id, order, amount)


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
    pauses = iter(delays)
    while True:
        try:
            response = client.get(f"/orders/{order}", timeout=timeout)
        except httpx.TransportError as error:
            problem = type(error).__name__
        else:
            if response.status_code == 200:
                return int(response.json()["total"])
            problem = f"status {response.status_code}"
            if response.status_code not in RETRY_STATUSES:
                raise ServiceError(f"orders service: {problem}")
        pause = next(pauses, None)
        if pause is None:
            raise ServiceError(f"orders service: {problem}, after {len(delays)} retries")
        sleep(pause)


@dataclass
class PaymentInbox:
    """Receives the provider's webhook calls. A call may come twice: each event id is counted once."""

    client: httpx.Client
    token: str
    sleep: Callable[[float], None] = time.sleep
    paid: dict[str, int] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)

    def handle(self, headers: Mapping[str, str], data: Mapping[str, Any]) -> bool:
        """Read the payment, check it against the order's total and record it: True, or False for an event id
        already recorded. Errors from reading, from the service or a wrong amount propagate; nothing is recorded."""
        payment = read_payment(headers, data, self.token)
        if payment.id in self.seen:
            return False
        total = order_total(self.client, payment.order, sleep=self.sleep)
        if payment.amount != total:
            raise ValueError(f"payment of {payment.amount} does not match order {payment.order}'s total of {total}")
        self.paid[payment.order] = payment.amount
        self.seen.add(payment.id)
        return True
