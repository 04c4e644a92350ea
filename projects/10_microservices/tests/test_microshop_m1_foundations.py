"""Milestone 1: the foundations every service shares — settings, events, retries, tokens, request ids.

Mistakes these tests catch: a secret with a default in the code (the service starts without it), a short
or shared token accepted, a FakeBus that gives an event to every replica of a group (or to none), retries
that never stop, retry forever on the same delay, or swallow the last error; a JWT accepted when expired,
for another audience, unsigned (`alg: none`) or signed with another key; request ids taken from the
client without a check (log injection through a header).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from microshop.common.consumers import GaveUpError, with_retries
from microshop.common.events import Event, FakeBus
from microshop.common.request_ids import clean_request_id, current_request_id
from microshop.common.request_plumbing import RequestIdMiddleware
from microshop.common.security import InvalidTokenError, caller_of, issue_jwt, verify_jwt
from microshop.common.settings import ConfigError, Settings

SECRET = "s" * 40


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("missing", ["MICROSHOP_JWT_SECRET", "MICROSHOP_TOKEN_GATEWAY"])
def test_gateway_refuses_to_start_without_its_secrets(env: dict[str, str], missing: str) -> None:
    del env[missing]
    with pytest.raises(ConfigError, match=missing):
        Settings.from_env(env, "gateway")


@pytest.mark.task(taskno=1)
def test_settings_refuse_short_or_shared_tokens(env: dict[str, str]) -> None:
    with pytest.raises(ConfigError, match="MICROSHOP_TOKEN_ORDERS"):
        Settings.from_env({**env, "MICROSHOP_TOKEN_ORDERS": "short"}, "orders")
    same = {**env, "MICROSHOP_TOKEN_ORDERS": env["MICROSHOP_TOKEN_GATEWAY"]}
    with pytest.raises(ConfigError, match="differ"):
        Settings.from_env(same, "orders")


@pytest.mark.task(taskno=1)
def test_settings_read_urls_database_and_limits_from_env(env: dict[str, str]) -> None:
    settings = Settings.from_env({**env, "NATS_URL": "nats://broker:4222", "MICROSHOP_RATE_LIMIT": "7"}, "orders")
    assert settings.nats_url == "nats://broker:4222"
    assert settings.rate_limit == 7
    assert settings.database == env["MICROSHOP_ORDERS_DB"], "each service has its own database file"
    assert settings.tokens == {"gateway": env["MICROSHOP_TOKEN_GATEWAY"], "orders": env["MICROSHOP_TOKEN_ORDERS"]}
    assert env["MICROSHOP_TOKEN_ORDERS"] not in repr(settings), "never print a secret (keep it out of repr)"
    with pytest.raises(ConfigError, match="MICROSHOP_RATE_LIMIT"):
        Settings.from_env({**env, "MICROSHOP_RATE_LIMIT": "lots"}, "gateway")


@pytest.mark.task(taskno=1)
def test_settings_defaults_match_the_readme_table() -> None:
    secrets = {
        "MICROSHOP_JWT_SECRET": "j" * 32,
        "MICROSHOP_TOKEN_GATEWAY": "g" * 32,
        "MICROSHOP_TOKEN_ORDERS": "o" * 32,
    }
    settings = Settings.from_env(secrets, "inventory")
    assert (settings.service, settings.jwt_secret) == ("inventory", "j" * 32)
    assert (settings.nats_url, settings.subject_prefix) == ("nats://127.0.0.1:4222", "microshop")
    assert (settings.catalog_url, settings.orders_url, settings.inventory_url) == (
        "http://127.0.0.1:8001",
        "http://127.0.0.1:8002",
        "http://127.0.0.1:8003",
    )
    assert settings.database == "inventory.sqlite3", "each service has its own file by default"
    assert (settings.http_timeout, settings.rate_limit, settings.initial_stock) == (2.0, 60, 5)


@pytest.mark.task(taskno=1)
def test_settings_read_every_variable() -> None:
    env = {
        "MICROSHOP_JWT_SECRET": "j" * 32,
        "MICROSHOP_TOKEN_GATEWAY": "g" * 32,
        "MICROSHOP_TOKEN_ORDERS": "o" * 32,
        "NATS_URL": "nats://nats:4222",
        "MICROSHOP_SUBJECT_PREFIX": "shop-b",
        "MICROSHOP_CATALOG_URL": "http://catalog:8000",
        "MICROSHOP_ORDERS_URL": "http://orders:8000",
        "MICROSHOP_INVENTORY_URL": "http://inventory:8000",
        "MICROSHOP_GATEWAY_DB": "/data/gateway.sqlite3",
        "MICROSHOP_HTTP_TIMEOUT": "0.5",
        "MICROSHOP_RATE_LIMIT": "30",
        "MICROSHOP_INITIAL_STOCK": "9",
    }
    settings = Settings.from_env(env, "gateway")
    assert (settings.nats_url, settings.subject_prefix) == ("nats://nats:4222", "shop-b")
    assert (settings.catalog_url, settings.orders_url, settings.inventory_url) == (
        "http://catalog:8000",
        "http://orders:8000",
        "http://inventory:8000",
    )
    assert settings.database == "/data/gateway.sqlite3"
    assert (settings.http_timeout, settings.rate_limit, settings.initial_stock) == (0.5, 30, 9)
    assert settings.tokens == {"gateway": "g" * 32, "orders": "o" * 32}
    for name, bad in [
        ("MICROSHOP_HTTP_TIMEOUT", "0"),
        ("MICROSHOP_INITIAL_STOCK", "-1"),
        ("MICROSHOP_RATE_LIMIT", "1.5"),
    ]:
        with pytest.raises(ConfigError, match=name):
            Settings.from_env({**env, name: bad}, "gateway")
    with pytest.raises(ConfigError, match="unknown service"):
        Settings.from_env(env, "payments")


@pytest.mark.task(taskno=2)
def test_fake_bus_delivers_once_per_group_and_to_every_solo_subscriber() -> None:
    bus, seen = FakeBus(), []

    async def scenario() -> None:
        async def record(name: str, event: Event) -> None:
            seen.append((name, event.type))

        await bus.subscribe("order.placed", lambda e: record("inventory-1", e), group="inventory")
        await bus.subscribe("order.placed", lambda e: record("inventory-2", e), group="inventory")
        await bus.subscribe("order.placed", lambda e: record("gateway", e))
        await bus.subscribe("order.updated", lambda e: record("elsewhere", e))
        await bus.publish(Event(type="order.placed", data={"order_id": "1"}))

    asyncio.run(scenario())
    assert sorted(seen) == [("gateway", "order.placed"), ("inventory-2", "order.placed")], (
        "one member of a group gets the event, every subscriber without a group gets it, other types get nothing"
    )
    assert [event.type for event in bus.of_type("order.placed")] == ["order.placed"]


@pytest.mark.task(taskno=3)
def test_retries_a_failing_handler_with_growing_delays() -> None:
    calls, sleeps = [], []

    async def flaky(event: Event) -> None:
        calls.append(event.id)
        if len(calls) < 3:
            raise ConnectionError("not yet")

    async def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)

    handler = with_retries(flaky, attempts=4, base_delay=0.5, sleep=fake_sleep)
    asyncio.run(handler(Event(type="order.placed", data={})))
    assert len(calls) == 3, "stop retrying once the handler succeeds"
    assert sleeps == [0.5, 1.0], "wait base_delay, then twice as long each time"


@pytest.mark.task(taskno=3)
def test_gives_up_after_three_attempts_by_default_and_keeps_the_cause(caplog) -> None:
    calls, sleeps = [], []

    async def broken(event: Event) -> None:
        calls.append(1)
        raise ConnectionError("down")

    async def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)

    event = Event(type="order.placed", data={})
    with pytest.raises(GaveUpError, match=f"order.placed {event.id}: failed 3 times") as raised:
        asyncio.run(with_retries(broken, sleep=fake_sleep)(event))
    assert len(calls) == 3, "3 attempts unless told otherwise"
    assert sleeps == pytest.approx([0.05, 0.1]), "a base delay of 0.05 s by default, doubling"
    assert isinstance(raised.value.__cause__, ConnectionError), "raise GaveUpError *from* the last error"
    retries = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(retries) == 2, "log a warning before each retry"
    assert event.id in retries[0], "the warning names the event id (to find it in the logs)"
    assert "attempt 1 of 3" in retries[0]


@pytest.mark.task(taskno=3)
def test_one_attempt_means_no_retry_and_zero_is_refused() -> None:
    calls = []

    async def broken(event: Event) -> None:
        calls.append(1)
        raise ConnectionError("down")

    with pytest.raises(GaveUpError):
        asyncio.run(with_retries(broken, attempts=1)(Event(type="order.placed", data={})))
    assert len(calls) == 1
    with pytest.raises(ValueError, match="at least 1"):
        with_retries(broken, attempts=0)


@pytest.mark.task(taskno=4)
def test_a_fresh_jwt_names_its_subject() -> None:
    assert verify_jwt(issue_jwt(SECRET, "ann"), SECRET) == "ann"


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(
    "bad",
    [
        pytest.param(lambda: issue_jwt(SECRET, "ann", now=datetime.now(UTC) - timedelta(hours=1)), id="expired"),
        pytest.param(lambda: issue_jwt("x" * 40, "ann"), id="other-key"),
        pytest.param(lambda: jwt.encode({"sub": "ann", "aud": "microshop"}, SECRET, "HS256"), id="no-exp"),
        pytest.param(
            lambda: jwt.encode({"sub": "ann", "aud": "elsewhere", "exp": 2**40}, SECRET, "HS256"), id="audience"
        ),
        pytest.param(lambda: jwt.encode({"sub": "ann", "aud": "microshop", "exp": 2**40}, None, "none"), id="alg-none"),
        pytest.param(
            lambda: jwt.encode({"sub": "", "aud": "microshop", "exp": 2**40}, SECRET, "HS256"), id="empty-sub"
        ),
        pytest.param(lambda: "not.a.token", id="garbage"),
    ],
)
def test_rejects_bad_jwts(bad) -> None:
    with pytest.raises(InvalidTokenError):
        verify_jwt(bad(), SECRET)


@pytest.mark.task(taskno=4)
def test_service_tokens_identify_their_caller() -> None:
    tokens = {"gateway": "g" * 40, "orders": "o" * 40}
    assert caller_of("o" * 40, tokens) == "orders"
    assert caller_of("g" * 39, tokens) is None
    assert caller_of("", tokens) is None


@pytest.mark.task(taskno=5)
def test_request_ids_are_kept_when_safe_and_replaced_when_not() -> None:
    assert clean_request_id("abc-123_x.y") == "abc-123_x.y"
    for unsafe in (None, "", "a b", "x" * 65, "evil\r\nSet-Cookie: 1"):
        replaced = clean_request_id(unsafe)
        assert replaced != unsafe, f"replace {unsafe!r} with a fresh random id"
        assert len(replaced) >= 16, "a fresh id is long enough to be unique (uuid4().hex)"
    assert clean_request_id(None) != clean_request_id(None)


@pytest.mark.task(taskno=1)
def test_settings_errors_say_which_variable_and_what_is_wrong(env: dict[str, str]) -> None:
    del env["MICROSHOP_TOKEN_GATEWAY"]
    with pytest.raises(ConfigError, match=r"^MICROSHOP_TOKEN_GATEWAY is not set"):
        Settings.from_env(env, "catalog")
    shared = {**env, "MICROSHOP_TOKEN_GATEWAY": "t" * 40, "MICROSHOP_TOKEN_ORDERS": "t" * 40}
    with pytest.raises(ConfigError, match=r"^every service needs its own token: MICROSHOP_TOKEN_\* must differ$"):
        Settings.from_env(shared, "orders")


@pytest.mark.task(taskno=1)
def test_a_service_that_checks_no_jwt_gets_an_empty_secret(env: dict[str, str]) -> None:
    del env["MICROSHOP_JWT_SECRET"]
    settings = Settings.from_env(env, "catalog")
    assert settings.jwt_secret == "", (
        f"only the gateway needs MICROSHOP_JWT_SECRET; elsewhere it is empty, never a made-up value "
        f"(got {settings.jwt_secret!r})"
    )


@pytest.mark.task(taskno=2)
def test_fake_bus_gives_the_event_to_each_of_several_solo_subscribers_and_can_close() -> None:
    bus, seen = FakeBus(), []

    async def scenario() -> None:
        async def record(name: str, event: Event) -> None:
            seen.append(name)

        await bus.subscribe("order.updated", lambda e: record("gateway-1", e))
        await bus.subscribe("order.updated", lambda e: record("gateway-2", e))
        await bus.publish(Event(type="order.updated", data={}))
        await bus.close()

    assert bus.closed is False, "a new FakeBus is open (closed is False)"
    asyncio.run(scenario())
    assert sorted(seen) == ["gateway-1", "gateway-2"], "every subscriber without a group gets the event"
    assert bus.closed is True, "close() marks the FakeBus closed"


@pytest.mark.task(taskno=3)
def test_zero_attempts_is_refused_with_a_clear_message() -> None:
    async def handler(event: Event) -> None:
        return None

    with pytest.raises(ValueError, match=r"^attempts must be at least 1$"):
        with_retries(handler, attempts=0)


@pytest.mark.task(taskno=3)
def test_the_retry_warning_names_the_event_type_and_id(caplog) -> None:
    failures = [ConnectionError("down")]

    async def flaky(event: Event) -> None:
        if failures:
            raise failures.pop()

    async def no_sleep(seconds: float) -> None:
        return None

    event = Event(type="order.placed", data={})
    asyncio.run(with_retries(flaky, sleep=no_sleep)(event))
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings == [f"order.placed {event.id} failed (attempt 1 of 3), retrying"], (
        "log '<type> <id> failed (attempt N of M), retrying' before each retry: the type and id find the event "
        f"in the logs (got {warnings})"
    )


@pytest.mark.task(taskno=4)
def test_a_rejected_jwt_says_why() -> None:
    expired = issue_jwt(SECRET, "ann", now=datetime.now(UTC) - timedelta(hours=1))
    with pytest.raises(InvalidTokenError, match="expired"):
        verify_jwt(expired, SECRET)
    nobody = jwt.encode({"sub": "", "aud": "microshop", "exp": 2**40}, SECRET, "HS256")
    with pytest.raises(InvalidTokenError, match=r"^the token names no subject$"):
        verify_jwt(nobody, SECRET)


def call_middleware(scope_type: str, headers: list[tuple[bytes, bytes]]) -> tuple[str | None, list[dict]]:
    """Send one request through RequestIdMiddleware to a bare ASGI app: the id the app saw, the messages sent."""
    seen: list[str | None] = []
    sent: list[dict] = []

    async def app(scope, receive, send) -> None:
        seen.append(current_request_id.get())
        if scope["type"] == "http":
            await send({"type": "http.response.start", "status": 204})  # no "headers" key: ASGI allows that

    async def receive() -> dict:
        return {"type": "http.request"}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(RequestIdMiddleware(app)({"type": scope_type, "headers": headers}, receive, send))
    return seen[0], sent


@pytest.mark.task(taskno=5)
def test_the_middleware_adds_the_id_as_a_lowercase_header_even_to_a_response_without_headers() -> None:
    seen, sent = call_middleware("http", [(b"x-request-id", b"abc-123")])
    assert seen == "abc-123", "the app sees the incoming id in current_request_id"
    assert sent[0].get("headers") == [(b"x-request-id", b"abc-123")], (
        "echo the id as (b'x-request-id', id): ASGI header names are lower-case bytes, and a start message may "
        f"come without a 'headers' key (sent {sent})"
    )


@pytest.mark.task(taskno=5)
def test_websocket_connections_get_a_request_id_too() -> None:
    seen, _ = call_middleware("websocket", [(b"x-request-id", b"ws-42")])
    assert seen == "ws-42", "a WebSocket handshake carries X-Request-ID too: set current_request_id for it"
