"""Milestone 6: never lose an order — the transactional outbox, and at-least-once delivery over JetStream.

Mistakes these tests catch: publishing after the commit with no outbox (a failed publish loses the event and
leaves the order pending for ever), the order and its event saved in two transactions, a relay that marks an
event sent before the bus took it, publishes one event twice at once, or never tries again after a failure;
SQLite calls that block the event loop, or share one connection between threads without a lock; core NATS
(an event published while inventory is down is gone), a consumer that acknowledges before its handler
succeeded, a publish without `Nats-Msg-Id` (a repeated publish is stored twice).
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import nats
import pytest
from fastapi.testclient import TestClient
from microshop.catalog.catalog_app import create_app as create_catalog
from microshop.common.events import INVENTORY_RESERVED, ORDER_PLACED, ORDER_UPDATED, Event, FakeBus
from microshop.common.outbox import OutboxRelay
from microshop.common.outbox_table import Outbox
from microshop.common.schemas import Order
from microshop.inventory.inventory_app import create_app as create_inventory
from microshop.inventory.stock_db import StockDb
from microshop.orders.orders_app import create_app as create_orders
from microshop.orders.orders_db import OrdersDb
from websockets.sync.client import connect

ORDER = {"customer": "ann", "sku": "mug", "quantity": 2}


class FlakyBus(FakeBus):
    """A FakeBus whose publish fails while `failures` is above zero (the broker is down), counting down."""

    def __init__(self, failures: int = 0) -> None:
        super().__init__()
        self.failures = failures

    async def publish(self, event: Event) -> None:
        if self.failures > 0:
            self.failures -= 1
            raise ConnectionError("nats: no servers available for connection")
        await super().publish(event)


def wait_for(condition: Callable[[], object], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


def new_order(n: int) -> tuple[Order, Event]:
    order = Order(id=f"{n:032x}", customer="ann", sku="mug", quantity=1, total_cents=900, status="pending")
    return order, Event(type=ORDER_PLACED, data={"order_id": order.id, "sku": "mug", "quantity": 1})


@pytest.mark.task(taskno=18)
def test_an_order_survives_a_failed_publish_and_is_published_later(settings_for, as_service) -> None:
    bus = FlakyBus(failures=2)
    catalog = create_catalog(settings_for("catalog"))
    orders = create_orders(settings_for("orders"), bus=bus, catalog_transport=httpx.ASGITransport(catalog))
    with TestClient(orders) as client:
        response = client.post("/orders", json=ORDER, headers=as_service())
        assert response.status_code == 201, (
            f"the order is saved with its event: a broker outage is not the customer's problem ({response.text})"
        )
        order = response.json()
        assert client.get(f"/orders/{order['id']}", headers=as_service()).json()["status"] == "pending"
        wait_for(lambda: bus.of_type(ORDER_PLACED))
    placed = [event.data for event in bus.of_type(ORDER_PLACED)]
    assert placed == [{"order_id": order["id"], "sku": "mug", "quantity": 2}], (
        "the relay runs in the background (every 0.5 s) and publishes what a failed publish left in the outbox"
    )


@pytest.mark.task(taskno=18)
def test_a_service_shutting_down_publishes_what_is_left(settings_for, as_service) -> None:
    bus = FlakyBus(failures=1)
    catalog = create_catalog(settings_for("catalog"))
    orders = create_orders(settings_for("orders"), bus=bus, catalog_transport=httpx.ASGITransport(catalog))
    with TestClient(orders) as client:
        order = client.post("/orders", json=ORDER, headers=as_service()).json()  # its publish fails
    assert [event.data["order_id"] for event in bus.of_type(ORDER_PLACED)] == [order["id"]], (
        "on shutdown, stop the relay's loop, then flush once more while the bus is still open"
    )


@pytest.mark.task(taskno=18)
def test_an_order_and_its_event_are_committed_together(tmp_path: Path) -> None:
    db = OrdersDb(tmp_path / "orders.sqlite3")
    first, event = new_order(1)
    db.add(first, event)
    second, _ = new_order(2)
    with pytest.raises(sqlite3.IntegrityError):
        db.add(second, event)  # its event cannot be written (the id is taken): the order must not be either
    assert db.get(second.id) is None, "one transaction: an order whose event could not be saved is not saved"
    assert [staged.id for staged in db.outbox.unsent()] == [event.id]
    db.close()


@pytest.mark.task(taskno=18)
def test_the_relay_publishes_oldest_first_and_keeps_what_failed(tmp_path: Path, caplog) -> None:
    db = OrdersDb(tmp_path / "orders.sqlite3")
    events = []
    for n in range(3):
        order, event = new_order(n)
        db.add(order, event)
        events.append(event)

    class SecondFails(FakeBus):
        async def publish(self, event: Event) -> None:
            if event.id == events[1].id and not hasattr(self, "failed"):
                self.failed = True
                raise ConnectionError("nats: timeout")
            await super().publish(event)

    bus = SecondFails()
    relay = OutboxRelay(db.outbox, bus)
    assert asyncio.run(relay.flush()) == 1, "stop at the first failure: later events wait behind it, in order"
    [warning] = [record for record in caplog.records if record.name == "microshop.common.outbox"]
    assert warning.getMessage() == "publishing the outbox failed; trying again in 0.5 s"
    assert warning.exc_info is not None, "log the error with its traceback (exc_info=True)"
    assert [e.id for e in db.outbox.unsent()] == [e.id for e in events[1:]], "mark an event sent only once published"
    assert asyncio.run(relay.flush()) == 2
    assert asyncio.run(relay.flush()) == 0
    assert [e.id for e in bus.published] == [e.id for e in events], "oldest first, each once"
    db.close()


@pytest.mark.task(taskno=18)
def test_a_flush_during_a_flush_publishes_each_event_once(tmp_path: Path) -> None:
    db = OrdersDb(tmp_path / "orders.sqlite3")
    bus = FakeBus()
    relay = OutboxRelay(db.outbox, bus)
    first, placed = new_order(1)
    db.add(first, placed)

    async def react(event: Event) -> None:  # a consumer in this process, reached while the relay publishes
        second, also_placed = new_order(2)
        if db.get(second.id) is None:
            await asyncio.to_thread(db.add, second, also_placed)
        await relay.flush()

    asyncio.run(bus.subscribe(ORDER_PLACED, react))
    asyncio.run(relay.flush())
    published = [event.data["order_id"] for event in bus.published]
    assert sorted(published) == [first.id, f"{2:032x}"], (
        f"another flush (here from inside a publish) must skip the events one is publishing; got {published}"
    )
    db.close()


@pytest.mark.task(taskno=19)
def test_database_calls_run_off_the_event_loop(settings_for, as_service, monkeypatch) -> None:
    on_the_loop: list[str] = []

    def spy(cls: type, name: str) -> None:
        method = getattr(cls, name)

        def recording(*args: Any, **kwargs: Any) -> Any:
            try:
                asyncio.get_running_loop()
                on_the_loop.append(f"{cls.__name__}.{name}")
            except RuntimeError:
                pass  # a worker thread: no event loop runs here
            return method(*args, **kwargs)

        monkeypatch.setattr(cls, name, recording)

    for cls, names in ((OrdersDb, ("add", "get", "set_status")), (StockDb, ("reserve", "available", "stock_up"))):
        for name in names:
            spy(cls, name)
    for name in ("unsent", "mark_sent"):
        spy(Outbox, name)
    bus = FakeBus()
    catalog = create_catalog(settings_for("catalog"))
    orders = create_orders(settings_for("orders"), bus=bus, catalog_transport=httpx.ASGITransport(catalog))
    inventory = create_inventory(settings_for("inventory"), bus=bus)
    with TestClient(inventory) as stock, TestClient(orders) as client:
        order = client.post("/orders", json=ORDER, headers=as_service()).json()
        assert client.get(f"/orders/{order['id']}", headers=as_service()).json()["status"] == "confirmed"
        assert stock.get("/stock/mug", headers=as_service()).json()["available"] == 3
    assert on_the_loop == [], (
        "SQLite calls block: run them in a worker thread (`await asyncio.to_thread(store.get, order_id)`), "
        f"never on the event loop, where they stall every other request; on the loop: {sorted(set(on_the_loop))}"
    )


@pytest.mark.task(taskno=19)
def test_concurrent_orders_share_the_stock_correctly(settings_for, as_service) -> None:
    bus = FakeBus()
    catalog = create_catalog(settings_for("catalog"))
    orders = create_orders(settings_for("orders"), bus=bus, catalog_transport=httpx.ASGITransport(catalog))
    inventory = create_inventory(settings_for("inventory"), bus=bus)
    one_mug = {"customer": "ann", "sku": "mug", "quantity": 1}

    async def place_eight() -> list[httpx.Response]:
        transport = httpx.ASGITransport(orders)
        async with httpx.AsyncClient(transport=transport, base_url="http://orders.test") as concurrent:
            calls = [concurrent.post("/orders", json=one_mug, headers=as_service()) for _ in range(8)]
            return await asyncio.gather(*calls)

    with TestClient(inventory) as stock, TestClient(orders) as client:
        responses = client.portal.call(place_eight)
        assert [r.status_code for r in responses] == [201] * 8, [r.text for r in responses if r.status_code != 201]
        wait_for(lambda: len(bus.of_type(ORDER_UPDATED)) == 8)
        statuses = sorted(
            client.get(f"/orders/{r.json()['id']}", headers=as_service()).json()["status"] for r in responses
        )
        assert statuses == ["confirmed"] * 5 + ["rejected"] * 3, "5 mugs in stock: 5 orders confirmed, 3 rejected"
        assert stock.get("/stock/mug", headers=as_service()).json()["available"] == 0
    assert len(bus.of_type(INVENTORY_RESERVED)) == 5


@pytest.mark.task(taskno=20)
@pytest.mark.timeout(60)
def test_jetstream_keeps_events_for_a_group_until_it_acknowledges(nats_server) -> None:
    from microshop.common.nats_bus import NatsBus, stream_name

    url, prefix = nats_server.url, nats_server.prefix("unit")
    first, second, third = (Event(type="order.placed", data={"n": n}) for n in (1, 2, 3))

    async def scenario() -> tuple[list[int], list[int], int]:
        publisher = NatsBus(url, prefix)
        await publisher.connect()
        for event in (first, first, second):  # the first twice: a relay that retried after a lost acknowledgement
            await publisher.publish(event)
        got: list[int] = []
        failures: list[int] = []

        async def flaky(event: Event) -> None:
            if event.data["n"] == 2 and not failures:
                failures.append(2)
                raise RuntimeError("database is locked")
            got.append(event.data["n"])

        client = await nats.connect(url, connect_timeout=2)
        await client.publish(f"{prefix}.order.placed", b"not json")  # stored too: must be dropped for good
        consumer = NatsBus(url, prefix)  # subscribes only now: the events wait in the stream
        await consumer.connect()
        await consumer.subscribe("order.placed", flaky, group="inventory")
        for _ in range(100):
            if len(got) >= 2:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.2)
        durable = await client.jetstream().consumer_info(prefix, "inventory-order-placed")
        await consumer.close()
        assert (durable.config.ack_wait, durable.config.max_deliver) == (10.0, 10)
        assert durable.num_ack_pending == 0, "acknowledge each handled event, terminate a malformed one"

        later: list[int] = []

        async def record(event: Event) -> None:
            later.append(event.data["n"])

        restarted = NatsBus(url, prefix)  # the same group after a restart: only what it has not acknowledged
        await restarted.connect()
        await restarted.subscribe("order.placed", record, group="inventory")
        await publisher.publish(third)
        for _ in range(40):
            if later:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.2)
        await restarted.close()
        await publisher.close()

        stored = (await client.jetstream().stream_info(prefix)).state.messages
        await client.close()
        return got, later, stored

    got, later, stored = asyncio.run(scenario())
    assert got == [1, 2], (
        "a group's durable consumer gets the events published before it subscribed, the one published twice "
        f"once (Nats-Msg-Id), and the one whose handler failed again, until it succeeds (got {got})"
    )
    assert later == [3], f"after a restart the group gets only what it has not acknowledged (got {later})"
    assert stored == 4, f"the stream named after the prefix ({prefix}) holds each message once (holds {stored})"
    assert stream_name("EU.shop v2") == "EU_shop_v2", "a stream name holds letters, digits, - and _ only"


@pytest.mark.task(taskno=20)
@pytest.mark.timeout(90)
def test_an_order_placed_while_inventory_is_down_completes_when_it_is_back(shop, token, as_service) -> None:
    ann = {"Authorization": f"Bearer {token('ann')}"}
    shop.stop("inventory")
    ws_url = shop["gateway"].replace("http://", "ws://") + f"/ws/orders?token={token('ann')}"
    with connect(ws_url, open_timeout=5) as feed, httpx.Client(base_url=shop["gateway"], timeout=5) as gateway:
        placed = gateway.post("/api/orders", json={"sku": "mug", "quantity": 2}, headers=ann)
        assert placed.status_code == 201, placed.text
        order = placed.json()
        time.sleep(1.0)
        assert gateway.get(f"/api/orders/{order['id']}", headers=ann).json()["status"] == "pending", (
            "nobody reserved the stock yet: inventory is down"
        )
        shop.start("inventory")
        pushed = json.loads(feed.recv(timeout=20))
        assert pushed == {"order_id": order["id"], "status": "confirmed"}, (
            "order.placed waited in JetStream for the inventory group's durable consumer, which got it on restart"
        )
    stock = httpx.get(f"{shop['inventory']}/stock/mug", headers=as_service(), timeout=5)
    assert stock.json()["available"] == 3
