"""Bug: it catches httpx.HTTPStatusError instead of httpx.TransportError, so a refused connection crashes the check.

Make your fake transport raise httpx.ConnectError (task 2).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from socket import gethostname

import httpx

TOKEN_VARIABLE = "UPTIME_TOKEN"
TIMEOUT_SECONDS = 2.0
SUNDAY = 6


class Pager:
    """Pages the on-call engineer. In production this is a network call: tests must replace it."""

    def send(self, message: str, *, severity: str = "error") -> None:
        raise RuntimeError("the real pager is not reachable from tests: use a mock")


@dataclass(frozen=True)
class SiteStatus:
    """What one check saw: `status_code` is None when no response came back."""

    url: str
    up: bool
    status_code: int | None
    detail: str


def api_token() -> str:
    """The monitor's API token, from the UPTIME_TOKEN environment variable (surrounding spaces removed).

    Raises RuntimeError when the variable is unset or blank.
    """
    token = os.environ.get(TOKEN_VARIABLE, "").strip()
    if not token:
        raise RuntimeError(f"set the {TOKEN_VARIABLE} environment variable")
    return token


def check_site(client: httpx.Client, url: str) -> SiteStatus:
    """GET `url` with `Authorization: Bearer <token>` and a 2-second timeout.

    Up for a 2xx or 3xx answer; down for 4xx and 5xx. A network error or timeout gives a down status whose
    status_code is None and whose detail is the exception's class name (e.g. "ConnectError").
    """
    try:
        response = client.get(url, headers={"Authorization": f"Bearer {api_token()}"}, timeout=TIMEOUT_SECONDS)
    except httpx.HTTPStatusError as error:
        return SiteStatus(url, up=False, status_code=None, detail=type(error).__name__)
    return SiteStatus(
        url, up=response.status_code < 400, status_code=response.status_code, detail=response.reason_phrase
    )


def in_maintenance() -> bool:
    """True during the weekly maintenance window: Sundays from 02:00 up to (not including) 04:00 UTC."""
    now = datetime.now(UTC)
    return now.weekday() == SUNDAY and 2 <= now.hour < 4


def alert_if_down(status: SiteStatus, pager: Pager) -> bool:
    """Page when the site is down, except during maintenance. Return whether a page was sent.

    The message is "<url> is DOWN (<detail>), seen from <hostname>"; severity is "warning" for a 4xx answer
    and "critical" otherwise (5xx, or no answer at all).
    """
    if status.up or in_maintenance():
        return False
    severity = "warning" if status.status_code is not None and status.status_code < 500 else "critical"
    pager.send(f"{status.url} is DOWN ({status.detail}), seen from {gethostname()}", severity=severity)
    return True
