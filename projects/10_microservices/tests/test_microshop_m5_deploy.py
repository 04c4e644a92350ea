"""Milestone 5: run it all — a compose file for humans, and the whole shop over a real NATS broker.

The NATS tests (the adapter on its own, then the four services as real uvicorn processes on free ports of
127.0.0.1) use the server named by NATS_URL, with a fresh subject prefix per run so runs never see each
other's events. They are skipped when NATS_URL is unset, and FAIL when CI is set and NATS is unreachable.

Mistakes these tests catch: a compose file that does not parse, or starts with a default or inline secret,
a service holding a secret it does not need (the JWT secret outside the gateway, the orders token where
nothing calls as orders), every service published on the host instead of the gateway alone, databases
kept in the container (lost on `down`), an unpinned broker image; services that only work in-process
(wiring at import time, a bus that never connects, subjects without the prefix, no consumer on a subject),
a NATS subscription ended by one failing handler or one malformed message, queue groups ignored.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import httpx
import microshop
import nats
import pytest
from websockets.sync.client import connect

from kata.grading.configure import tool

SECRETS = ("MICROSHOP_JWT_SECRET", "MICROSHOP_TOKEN_GATEWAY", "MICROSHOP_TOKEN_ORDERS")
SERVICES = {
    "catalog": "microshop.catalog.catalog_app:create_app",
    "orders": "microshop.orders.orders_app:create_app",
    "inventory": "microshop.inventory.inventory_app:create_app",
    "gateway": "microshop.gateway.gateway_app:create_app",
}
START_TIMEOUT_S = 30.0


def compose(compose_file: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [tool("docker-compose"), "-f", str(compose_file), "--project-directory", str(compose_file.parent), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False, env=env)


@pytest.fixture
def compose_file() -> Path:
    """The docker-compose.yml beside the `microshop` package under test (the reference one under --solutions)."""
    return Path(microshop.__file__).resolve().parent.parent / "docker-compose.yml"


@pytest.fixture
def compose_env() -> dict[str, str]:
    """An environment with no microshop secret in it, and no .env file read from the workspace."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith("MICROSHOP_")}
    return {**clean, "COMPOSE_DISABLE_ENV_FILE": "1"}


@pytest.fixture
def services(compose_file: Path, compose_env: dict[str, str]) -> dict[str, dict[str, Any]]:
    """The services as docker-compose reads them, variables left as written (`--no-interpolate`)."""
    env = {**compose_env, **dict.fromkeys(SECRETS, "x" * 40)}
    done = compose(compose_file, "config", "--format", "json", "--no-interpolate", env=env)
    assert done.returncode == 0, f"docker-compose cannot read your file:\n{done.stderr}"
    found: dict[str, dict[str, Any]] = json.loads(done.stdout).get("services", {})
    return found


@pytest.mark.task(taskno=16)
def test_compose_file_is_valid_and_refuses_to_start_without_secrets(compose_file, compose_env) -> None:
    with_secrets = compose(compose_file, "config", "-q", env={**compose_env, **dict.fromkeys(SECRETS, "x" * 40)})
    assert with_secrets.returncode == 0, f"`docker-compose config -q` rejects the file:\n{with_secrets.stderr}"
    without = compose(compose_file, "config", "-q", env=compose_env)
    assert without.returncode != 0, (
        "with no secrets in the environment compose must refuse: write `${MICROSHOP_JWT_SECRET:?set it}`, "
        "never a default or a literal secret"
    )
    assert "MICROSHOP_JWT_SECRET" in without.stderr


@pytest.mark.task(taskno=16)
def test_compose_runs_every_service_and_a_pinned_broker(services) -> None:
    missing = sorted({"nats", *SERVICES} - set(services))
    assert not missing, f"define the services {missing}"
    image = services["nats"].get("image", "")
    assert image.startswith("nats:"), f"use the official nats image (got {image!r})"
    assert image.split(":")[1][:1].isdigit(), f"pin the NATS image to a version, e.g. nats:2.10-alpine (got {image!r})"
    broker = services["nats"].get("command") or []
    assert "--jetstream" in broker or "-js" in broker, "the services need JetStream: run nats with --jetstream"
    for name, factory in SERVICES.items():
        command = " ".join(services[name].get("command") or [])
        assert "--factory" in command, f"{name} runs `uvicorn --factory {factory}` (the bootstrap builds the app)"
        assert factory in command, f"{name} runs `uvicorn --factory {factory}`"


@pytest.mark.task(taskno=16)
def test_compose_gives_each_service_only_the_secrets_it_needs(services) -> None:
    def secrets_of(name: str) -> set[str]:
        env = services.get(name, {}).get("environment") or {}
        return {key for key in env if key in SECRETS}

    assert secrets_of("gateway") == {"MICROSHOP_JWT_SECRET", "MICROSHOP_TOKEN_GATEWAY"}
    assert secrets_of("inventory") == {"MICROSHOP_TOKEN_GATEWAY"}, "inventory never calls anyone nor sees a JWT"
    assert "MICROSHOP_JWT_SECRET" not in secrets_of("orders") | secrets_of("catalog")
    for name in SERVICES:
        for key, value in (services[name].get("environment") or {}).items():
            if key in SECRETS:
                assert str(value).startswith("${"), f"{name}: {key} must come from the environment, not the file"


@pytest.mark.task(taskno=16)
def test_compose_publishes_only_the_gateway_and_keeps_data_in_volumes(services) -> None:
    published = sorted(name for name, service in services.items() if service.get("ports"))
    assert published == ["gateway"], f"only the gateway faces the outside; published: {published}"
    for name in ("orders", "inventory"):
        volumes = services.get(name, {}).get("volumes") or []
        assert any(v.get("type") == "volume" for v in volumes), f"{name} keeps its database in a named volume"


# --- end to end, over a real NATS --------------------------------------------------------------------------


@pytest.mark.task(taskno=17)
def test_nats_bus_says_when_it_is_used_before_connecting() -> None:
    from microshop.common.events import Event
    from microshop.common.nats_bus import NatsBus

    bus = NatsBus("nats://127.0.0.1:4222", "never")
    assert bus.subject("order.placed") == "never.order.placed"
    with pytest.raises(RuntimeError, match=r"^NatsBus: call connect\(\) first$"):
        asyncio.run(bus.publish(Event(type="order.placed", data={})))
    asyncio.run(bus.close())  # closing what never connected is fine


@pytest.mark.task(taskno=17)
def test_nats_bus_carries_events_on_prefixed_subjects_to_queue_groups(caplog, nats_server) -> None:
    from microshop.common.bootstrap import open_bus
    from microshop.common.events import Event
    from microshop.common.nats_bus import NatsBus
    from microshop.common.settings import Settings

    url, prefix = nats_server.url, nats_server.prefix("unit")

    events = [Event(type="order.placed", data={"n": n}) for n in range(3)]

    async def scenario() -> tuple[list[tuple[str, str]], list[bytes]]:
        got: list[tuple[str, str]] = []
        raw: list[bytes] = []
        bus = await open_bus(Settings(service="orders", nats_url=url, subject_prefix=prefix), None)
        assert isinstance(bus, NatsBus), "open_bus connects to NATS when no bus is given"
        spy = await nats.connect(url, connect_timeout=2)

        async def spy_on(message: Any) -> None:
            raw.append(message.data)

        await spy.subscribe(f"{prefix}.order.placed", cb=spy_on)
        await spy.flush()
        try:

            async def member(name: str, event: Event) -> None:
                if name == "broken":
                    raise RuntimeError("a failing handler must not end its subscription")
                got.append((name, str(event.data["n"])))

            await bus.subscribe("order.placed", lambda e: member("inventory-a", e), group="inventory")
            await bus.subscribe("order.placed", lambda e: member("inventory-b", e), group="inventory")
            await bus.subscribe("order.placed", lambda e: member("broken", e))
            await bus.subscribe("order.placed", lambda e: member("audit", e))
            await spy.publish(f"{prefix}.order.placed", b"not json")  # dropped, never crashes the bus
            for event in events:
                await bus.publish(event)
            await bus.publish(Event(type="order.updated", data={"n": 99}))
            for _ in range(50):
                if len(got) >= 6:
                    break
                await asyncio.sleep(0.05)
        finally:
            await bus.close()
            await spy.close()
        with pytest.raises(RuntimeError, match=r"connect\(\) first"):
            await bus.publish(events[0])  # closed: like never connected
        return got, raw

    got, raw = asyncio.run(scenario())
    assert sorted(n for name, n in got if name == "audit") == ["0", "1", "2"], (
        "a subscriber without a group gets every event, even after a broken handler and a malformed message"
    )
    assert sorted(n for name, n in got if name.startswith("inventory")) == ["0", "1", "2"], (
        "a queue group gets each event once, shared between its members"
    )
    assert "99" not in [n for _, n in got], "subscribe to `<prefix>.<type>`, not to everything"
    assert json.loads(raw[-1])["data"] == {"n": 2}, f"publish the event as JSON on {prefix}.order.placed"
    logged = [record.getMessage() for record in caplog.records]
    assert f"dropped a malformed message on {prefix}.order.placed" in logged, "log what was dropped, and where"
    failures = sorted(line for line in logged if line.startswith("handler for"))
    assert failures == sorted(f"handler for order.placed failed on event {event.id}" for event in events), (
        "log each failing handler as 'handler for <type> failed on event <id>' (log.exception keeps the traceback)"
    )


@pytest.mark.task(taskno=17)
@pytest.mark.timeout(60)
def test_an_order_goes_through_the_whole_shop_over_nats(shop, token, as_service) -> None:
    ann = {"Authorization": f"Bearer {token('ann')}", "X-Request-ID": "e2e-order-1"}
    ws_url = shop["gateway"].replace("http://", "ws://") + f"/ws/orders?token={token('ann')}"
    with connect(ws_url, open_timeout=5) as feed, httpx.Client(base_url=shop["gateway"], timeout=5) as gateway:
        placed = gateway.post("/api/orders", json={"sku": "mug", "quantity": 2}, headers=ann)
        assert placed.status_code == 201, placed.text
        order = placed.json()
        assert placed.headers["X-Request-ID"] == "e2e-order-1"
        pushed = json.loads(feed.recv(timeout=10))
        assert pushed == {"order_id": order["id"], "status": "confirmed"}, (
            "order.placed -> inventory reserves -> inventory.reserved -> orders confirms -> order.updated -> WebSocket"
        )
        seen = gateway.get(f"/api/orders/{order['id']}", headers=ann)
        assert seen.json()["status"] == "confirmed"
    stock = httpx.get(f"{shop['inventory']}/stock/mug", headers=as_service(), timeout=5)
    assert stock.json()["available"] == 3, "inventory reserved 2 of its 5 mugs"
