"""Milestone 3: services that react to events — inventory reserves stock, orders follow, each event counts once.

Mistakes these tests catch: stock reserved twice when the broker redelivers an event (no dedupe by event
id), dedupe kept in memory (forgotten on restart) or recorded before the work succeeded (a failure then
loses the event), stock going negative, a rejection never announced (the order stays pending forever),
the order's status changed but no `order.updated` for the gateway, the request id dropped between events,
handler errors that are not retried.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from microshop.catalog.catalog_app import create_app as create_catalog
from microshop.common.consumers import with_retries
from microshop.common.events import (
    INVENTORY_REJECTED,
    INVENTORY_RESERVED,
    ORDER_PLACED,
    ORDER_UPDATED,
    Event,
)
from microshop.common.settings import ConfigError
from microshop.inventory.inventory_app import create_app as create_inventory
from microshop.inventory.inventory_handlers import on_order_placed
from microshop.orders.orders_app import create_app as create_orders


def placed(quantity: int = 2, sku: str = "mug", order_id: str = "a" * 32) -> Event:
    return Event(type=ORDER_PLACED, data={"order_id": order_id, "sku": sku, "quantity": quantity}, request_id="r-1")


@pytest.fixture
def inventory(settings_for, bus):
    """A function starting the inventory service (5 of each product) on the FakeBus."""
    return lambda: TestClient(create_inventory(settings_for("inventory"), bus=bus))


def available(client: TestClient, as_service, sku: str = "mug") -> int:
    response = client.get(f"/stock/{sku}", headers=as_service())
    assert response.status_code == 200, response.text
    return int(response.json()["available"])


@pytest.mark.task(taskno=9)
def test_inventory_reserves_stock_for_a_placed_order(inventory, bus, as_service) -> None:
    with inventory() as client:
        assert available(client, as_service) == 5, "each product starts with MICROSHOP_INITIAL_STOCK (5)"
        client.portal.call(bus.publish, placed(quantity=2))
        assert len(bus.of_type(INVENTORY_RESERVED)) == 1, "announce it at once: flush the relay after the commit"
        assert available(client, as_service) == 3
    [reserved] = bus.of_type(INVENTORY_RESERVED)
    assert reserved.data == {"order_id": "a" * 32, "sku": "mug", "quantity": 2}
    assert reserved.request_id == "r-1", "pass the request id on"


@pytest.mark.task(taskno=9)
def test_inventory_rejects_an_order_it_cannot_fill(inventory, bus, as_service) -> None:
    with inventory() as client:
        client.portal.call(bus.publish, placed(quantity=4, order_id="b" * 32))
        client.portal.call(bus.publish, placed(quantity=4, order_id="c" * 32))
        assert available(client, as_service) == 1, "never reserve more than there is"
    assert [e.data["order_id"] for e in bus.of_type(INVENTORY_RESERVED)] == ["b" * 32]
    assert [e.data["order_id"] for e in bus.of_type(INVENTORY_REJECTED)] == ["c" * 32], "announce the rejection"


@pytest.mark.task(taskno=9)
def test_a_redelivered_event_reserves_nothing_more_even_after_a_restart(inventory, bus, as_service) -> None:
    event = placed(quantity=2)
    with inventory() as client:
        client.portal.call(bus.publish, event)
        client.portal.call(bus.deliver, event)
    with inventory() as client:
        client.portal.call(bus.deliver, event)
        assert available(client, as_service) == 3, "dedupe by event id, in the service's own database"
    assert len(bus.of_type(INVENTORY_RESERVED)) == 1, "a duplicate announces nothing either"


@pytest.mark.task(taskno=9)
def test_inventory_is_only_for_the_gateway(inventory, as_service) -> None:
    with inventory() as client:
        assert client.get("/stock/mug", headers=as_service("orders")).status_code == 403
        assert client.get("/stock/mug").status_code == 401
        assert client.get("/healthz").json() == {"status": "ok", "service": "inventory"}
        assert available(client, as_service, "unknown") == 0, "an unknown SKU has nothing in stock"


@pytest.mark.task(taskno=9)
def test_the_inventory_bootstrap_reads_its_settings_from_the_environment(env, bus, monkeypatch, as_service) -> None:
    for name, value in {**env, "MICROSHOP_INITIAL_STOCK": "7"}.items():
        monkeypatch.setenv(name, value)
    with TestClient(create_inventory(bus=bus)) as client:
        assert available(client, as_service, "tee") == 7, "MICROSHOP_INITIAL_STOCK sets the first stock"
    monkeypatch.delenv("MICROSHOP_TOKEN_GATEWAY")
    with pytest.raises(ConfigError, match="MICROSHOP_TOKEN_GATEWAY"):
        create_inventory(bus=bus)


@pytest.mark.task(taskno=10)
def test_a_handler_that_fails_once_is_retried_and_counts_once(bus, tmp_path) -> None:
    from microshop.common.outbox import OutboxRelay
    from microshop.inventory.stock_db import StockDb

    class FlakyStock(StockDb):
        """The real database, whose first reservation fails (locked) before it touches anything."""

        def __init__(self, path: Path) -> None:
            super().__init__(path)
            self.calls: list[str] = []

        def reserve(self, sku: str, quantity: int, *, event_id: str, announce) -> bool | None:  # type: ignore[no-untyped-def]
            self.calls.append(event_id)
            if len(self.calls) == 1:
                raise TimeoutError("database is locked")
            return super().reserve(sku, quantity, event_id=event_id, announce=announce)

    async def no_sleep(seconds: float) -> None:
        pass

    stock = FlakyStock(tmp_path / "stock.sqlite3")
    stock.stock_up({"mug": 5})

    async def handler(event: Event) -> None:
        await on_order_placed(event, stock=stock, relay=OutboxRelay(stock.outbox, bus))

    asyncio.run(with_retries(handler, attempts=3, sleep=no_sleep)(placed()))
    stock.close()
    assert len(stock.calls) == 2
    assert len(bus.of_type(INVENTORY_RESERVED)) == 1


@pytest.mark.task(taskno=11)
def test_an_order_follows_inventory_and_tells_the_gateway(settings_for, bus, inventory, as_service) -> None:
    catalog = create_catalog(settings_for("catalog"))
    orders = create_orders(settings_for("orders"), bus=bus, catalog_transport=httpx.ASGITransport(catalog))
    with inventory() as stock, TestClient(orders) as client:
        body = {"customer": "ann", "sku": "tee", "quantity": 3}
        first = client.post("/orders", json=body, headers=as_service(**{"X-Request-ID": "flow-1"})).json()
        second = client.post("/orders", json=body, headers=as_service()).json()
        statuses = [client.get(f"/orders/{o['id']}", headers=as_service()).json()["status"] for o in (first, second)]
        assert statuses == ["confirmed", "rejected"], "5 tees in stock: the first order of 3 fits, the second not"
        assert available(stock, as_service, "tee") == 2
    updates = [(e.data, e.request_id) for e in bus.of_type(ORDER_UPDATED)]
    assert updates[0] == ({"order_id": first["id"], "customer": "ann", "status": "confirmed"}, "flow-1"), (
        "order.updated names the order, its customer (for the gateway's WebSocket) and the new status"
    )
    assert updates[1][0]["status"] == "rejected"


@pytest.mark.task(taskno=11)
def test_orders_counts_each_inventory_event_once(settings_for, bus, as_service) -> None:
    catalog = create_catalog(settings_for("catalog"))
    orders = create_orders(settings_for("orders"), bus=bus, catalog_transport=httpx.ASGITransport(catalog))
    with TestClient(orders) as client:
        order = client.post(
            "/orders", json={"customer": "ann", "sku": "mug", "quantity": 1}, headers=as_service()
        ).json()
        outcome = Event(type=INVENTORY_RESERVED, data={"order_id": order["id"], "sku": "mug", "quantity": 1})
        for _ in range(3):
            client.portal.call(bus.publish, outcome)
        updates = bus.of_type(ORDER_UPDATED)
        assert updates, "announce the update at once: flush the relay after the commit"
        assert len(updates) == 1, (
            f"one inventory.reserved delivered 3 times announced {len(updates)} order.updated: record each handled "
            "event id in the transaction of the status change, and do nothing for an id seen before"
        )
        assert client.get(f"/orders/{order['id']}", headers=as_service()).json()["status"] == "confirmed"
    assert len(bus.of_type(ORDER_UPDATED)) == 1, "a redelivered outcome must not announce the update again"


@pytest.mark.task(taskno=9)
def test_inventory_publishes_no_api_description(inventory) -> None:
    with inventory() as client:
        assert client.get("/openapi.json").status_code == 404, "an internal service publishes no API description"
