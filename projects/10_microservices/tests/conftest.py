"""Fixtures for the shop's tests: settings built from a fake environment, the in-memory bus, test clients.

The package is imported inside the fixtures, never at the top of this file, so that an unfinished
`microshop` fails the tests one by one instead of stopping the whole run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from microshop.common.events import FakeBus
    from microshop.common.settings import Settings

JWT_SECRET = "jwt-secret-for-tests-0123456789-abcdefghij"
GATEWAY_TOKEN = "gateway-token-for-tests-0123456789-abcdef"
ORDERS_TOKEN = "orders-token-for-tests-0123456789-abcdefgh"
ENV = {
    "MICROSHOP_JWT_SECRET": JWT_SECRET,
    "MICROSHOP_TOKEN_GATEWAY": GATEWAY_TOKEN,
    "MICROSHOP_TOKEN_ORDERS": ORDERS_TOKEN,
}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A complete environment for every service: secrets, and databases in a temporary folder."""
    return {
        **ENV,
        "MICROSHOP_ORDERS_DB": str(tmp_path / "orders.sqlite3"),
        "MICROSHOP_INVENTORY_DB": str(tmp_path / "inventory.sqlite3"),
        "MICROSHOP_CATALOG_URL": "http://catalog.test",
        "MICROSHOP_ORDERS_URL": "http://orders.test",
    }


@pytest.fixture
def settings_for(env: dict[str, str]) -> Callable[..., Settings]:
    """`settings_for("orders", MICROSHOP_RATE_LIMIT="3")`: one service's settings from `env` plus overrides."""
    from microshop.common.settings import Settings

    def build(service: str, **overrides: str) -> Settings:
        return Settings.from_env({**env, **overrides}, service)

    return build


@pytest.fixture
def bus() -> FakeBus:
    """The in-memory event bus: delivers at once, remembers every event in `bus.published`."""
    from microshop.common.events import FakeBus

    return FakeBus()


@pytest.fixture
def token() -> Callable[[str], str]:
    """`token("ann")`: a valid customer JWT for ann, signed with the test secret."""
    from microshop.common.security import issue_jwt

    def make(subject: str) -> str:
        return issue_jwt(JWT_SECRET, subject)

    return make


@pytest.fixture
def as_service() -> Callable[..., dict[str, Any]]:
    """`as_service("orders")`: the headers of a call from that service (its internal token)."""

    def headers(caller: str = "gateway", **extra: str) -> dict[str, Any]:
        return {"X-Service-Token": {"gateway": GATEWAY_TOKEN, "orders": ORDERS_TOKEN}[caller], **extra}

    return headers
