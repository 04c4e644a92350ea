"""Fixtures for the chat's tests: settings, an app behind TestClient, tokens, databases, Redis and real servers.

The package is imported inside the fixtures, not at the top: pytest loads this file before the
kata plugin has put the project (or, with --solutions, its reference) on the import path.

Services, as everywhere in the workspace: a test that needs PostgreSQL (`DATABASE_URL`) or Redis
(`REDIS_URL`) is skipped when its variable is unset, and FAILS when `CI` is set and the service
cannot be reached. The PostgreSQL schema and that rule come from the workspace's shared fixtures (kata.fixtures).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from kata.fixtures import service_unavailable

if TYPE_CHECKING:
    from chat import Settings
    from fastapi.testclient import TestClient

SECRET = "test-secret-key-0123456789-abcdefghijklmnop"  # >= 32 bytes, as HS256 wants


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database, as a `DATABASE_URL` would name it: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'chat.db'}"
    url: str = request.getfixturevalue("postgres_schema_url")
    return url


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., Settings]:
    """`make_settings(rate_burst=3)`: test settings (a SQLite file in tmp_path, the memory hub) with overrides."""
    from chat import Settings

    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {"secret_key": SECRET, "database_url": f"sqlite:///{tmp_path / 'chat.db'}"}
        return Settings(**(values | overrides))

    return make


@pytest.fixture
def make_client(make_settings: Callable[..., Settings]) -> Iterator[Callable[..., TestClient]]:
    """`make_client(**overrides)`: a started TestClient on `create_app(make_settings(**overrides))`."""
    from chat import create_app
    from fastapi.testclient import TestClient

    clients: list[TestClient] = []

    def make(**overrides: Any) -> TestClient:
        client = TestClient(create_app(make_settings(**overrides)))
        client.__enter__()  # runs the lifespan: tables, hub
        clients.append(client)
        return client

    yield make
    for client in reversed(clients):
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    """A TestClient on the app with the default test settings (burst of 5 frames, 2 a second)."""
    return make_client()


@pytest.fixture
def token() -> Callable[[str], str]:
    """`token("ann")`: a valid token for ann, signed with the test secret."""
    from chat import issue_token

    def make(username: str) -> str:
        return issue_token(username, SECRET, ttl_seconds=600)

    return make


@pytest.fixture
def redis_url() -> str:
    """REDIS_URL, once Redis answers a PING there."""
    import redis

    url = os.environ.get("REDIS_URL", "")
    if not url:
        service_unavailable("Redis", "REDIS_URL is not set (e.g. redis://127.0.0.1:6379/0)")
    try:
        with redis.Redis.from_url(url, socket_connect_timeout=2) as client:
            client.ping()
    except redis.RedisError as error:
        service_unavailable("Redis", f"cannot reach REDIS_URL: {error}")
    return url


@pytest.fixture
def channel_prefix() -> str:
    """A Redis channel prefix of this test's own, so parallel runs never hear each other."""
    return f"chat-test-{uuid.uuid4().hex[:12]}"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class ServerProcess:
    """`uvicorn --factory chat.chat_app:app_from_env` in a child process on 127.0.0.1."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        import chat

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        package_root = Path(chat.__file__).resolve().parent.parent  # the project's or the solution's folder
        child_env = os.environ | env | {"PYTHONPATH": str(package_root), "PYTHONDONTWRITEBYTECODE": "1"}
        command = [sys.executable, "-m", "uvicorn", "--factory", "chat.chat_app:app_from_env"]
        command += ["--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning", "--lifespan", "on"]
        self._log = log_path.open("wb")
        self.process = subprocess.Popen(command, env=child_env, stdout=self._log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 15.0) -> None:
        """Wait until GET /health answers 200; fail with the server's output if it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if httpx.get(self.url + "/health", timeout=1.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        output = self.log_path.read_text(errors="replace")[-3000:]
        raise AssertionError(f"the chat server on port {self.port} never answered GET /health:\n{output}")

    def stop(self) -> None:
        """SIGTERM (uvicorn's graceful shutdown), then SIGKILL if it does not stop in 5 s. Safe to call twice."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self._log.close()


@pytest.fixture
def start_servers(tmp_path: Path) -> Iterator[Callable[..., list[ServerProcess]]]:
    """`start_servers(2, CHAT_HUB="redis", ...)`: that many running server processes with these environment variables.

    They start side by side (a server takes a second or more to import). Every server of one test shares
    a SQLite file in tmp_path and the test secret; all are stopped afterwards.
    """
    servers: list[ServerProcess] = []

    def start(count: int = 1, **env: str) -> list[ServerProcess]:
        base = {"CHAT_SECRET_KEY": SECRET, "DATABASE_URL": f"sqlite:///{tmp_path / 'served.db'}"}
        started = [ServerProcess(base | env, tmp_path / f"server-{len(servers) + n}.log") for n in range(count)]
        servers.extend(started)
        for server in started:
            server.wait_ready()
        return started

    yield start
    for server in servers:
        server.stop()
