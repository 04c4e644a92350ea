"""Fixtures for the shop's tests: settings built from a fake environment, the in-memory bus, test clients.

The package is imported inside the fixtures, never at the top of this file, so that an unfinished
`microshop` fails the tests one by one instead of stopping the whole run.

The NATS fixtures use the server named by NATS_URL, with a fresh subject prefix (and so a fresh JetStream
stream, deleted afterwards) per test, so runs never see each other's events. Their tests are skipped when
NATS_URL is unset, and FAIL when CI is set and NATS is unreachable.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
import pytest

from kata.grading.configure import free_port

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


SERVICES = {
    "catalog": "microshop.catalog.catalog_app:create_app",
    "orders": "microshop.orders.orders_app:create_app",
    "inventory": "microshop.inventory.inventory_app:create_app",
    "gateway": "microshop.gateway.gateway_app:create_app",
}
START_TIMEOUT_S = 30.0


def nats_url() -> str:
    """NATS_URL if its server answers; else skip (locally) or fail (in CI)."""
    url = os.environ.get("NATS_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI is set, so the NATS tests must run: set NATS_URL=nats://127.0.0.1:4222", pytrace=False)
        pytest.skip("needs NATS: set NATS_URL=nats://127.0.0.1:4222 to run it against a NATS server")

    where = urlsplit(url)
    try:
        with socket.create_connection((where.hostname or "127.0.0.1", where.port or 4222), timeout=2) as probe:
            greeting = probe.recv(4)
        if greeting != b"INFO":
            raise ConnectionError(f"not a NATS server (it said {greeting!r})")
    except OSError as error:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and NATS at {url} is unreachable: {error!r}", pytrace=False)
        pytest.skip(f"needs NATS: the server at {url} is unreachable ({error!r})")
    return url


def delete_streams(url: str, prefixes: list[str]) -> None:
    """Delete the JetStream streams named after `prefixes` (a test's leftovers), if there are any."""
    import nats
    from nats.js.errors import NotFoundError

    async def delete() -> None:
        client = await nats.connect(url, connect_timeout=2)
        try:
            for prefix in prefixes:
                with contextlib.suppress(NotFoundError):
                    await client.jetstream().delete_stream(prefix)
        finally:
            await client.close()

    asyncio.run(delete())


class NatsServer:
    """The NATS server at NATS_URL, and the subject prefixes a test used (their streams are deleted after it)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.prefixes: list[str] = []

    def prefix(self, kind: str) -> str:
        """A fresh subject prefix, `<kind>-<12 hex digits>`, which is also the name of its stream."""
        self.prefixes.append(f"{kind}-{uuid.uuid4().hex[:12]}")
        return self.prefixes[-1]


@pytest.fixture
def nats_server() -> Iterator[NatsServer]:
    """NATS at NATS_URL (skip, or fail in CI, without it); the streams of its prefixes go afterwards."""
    server = NatsServer(nats_url())
    yield server
    delete_streams(server.url, server.prefixes)


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM (uvicorn's graceful shutdown), then SIGKILL after 5 s."""
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_until_healthy(name: str, url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the {name} service exited while starting:\n{log.read_text()[-2000:]}"
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/healthz", timeout=0.5).status_code == 200:
                return
        time.sleep(0.1)
    raise AssertionError(
        f"the {name} service did not answer /healthz in {START_TIMEOUT_S} s:\n{log.read_text()[-2000:]}"
    )


class Shop:
    """The four services as uvicorn processes on free ports of 127.0.0.1. `shop["gateway"]` is a base URL;
    `stop(name)` and `start(name)` stop one gracefully and start it again (same port, same database)."""

    def __init__(self, tmp_path: Path, env: dict[str, str], url: str, prefix: str) -> None:
        import microshop

        self.prefix = prefix
        self._tmp_path = tmp_path
        self._ports = {name: free_port() for name in SERVICES}
        self.urls = {name: f"http://127.0.0.1:{port}" for name, port in self._ports.items()}
        self._env = {
            **os.environ,
            **env,
            "PYTHONPATH": str(Path(microshop.__file__).resolve().parent.parent),
            "NATS_URL": url,
            "MICROSHOP_SUBJECT_PREFIX": prefix,
            "MICROSHOP_CATALOG_URL": self.urls["catalog"],
            "MICROSHOP_ORDERS_URL": self.urls["orders"],
            "MICROSHOP_INVENTORY_URL": self.urls["inventory"],
        }
        self._processes: dict[str, subprocess.Popen[bytes]] = {}

    def __getitem__(self, name: str) -> str:
        return self.urls[name]

    def start(self, *names: str) -> None:
        for name in names:
            log = self._tmp_path / f"{name}.log"
            command = [sys.executable, "-m", "uvicorn", "--factory", SERVICES[name], "--host", "127.0.0.1"]
            with log.open("a") as output:  # the child keeps its own copy of the file
                # Run where pytest runs (a mutation-testing sandbox keeps its config there); data and logs go to tmp_path.
                self._processes[name] = subprocess.Popen(
                    [*command, "--port", str(self._ports[name])],
                    cwd=Path.cwd(),
                    env=self._env,
                    stdout=output,
                    stderr=output,
                )
        for name in names:
            wait_until_healthy(name, self.urls[name], self._processes[name], self._tmp_path / f"{name}.log")

    def stop(self, name: str) -> None:
        process = self._processes.pop(name, None)
        if process is not None:
            stop(process)

    def stop_all(self) -> None:
        for name in list(self._processes):
            self.stop(name)


@pytest.fixture
def shop(tmp_path: Path, env: dict[str, str]) -> Iterator[Shop]:
    """The four services running against NATS (skip or fail without it), with a prefix of their own."""
    url = nats_url()
    running = Shop(tmp_path, env, url, prefix=f"e2e-{uuid.uuid4().hex[:12]}")
    try:
        running.start(*SERVICES)
        yield running
    finally:
        running.stop_all()
        delete_streams(url, [running.prefix])
