"""Tests for the FastAPI dependencies kata.

Mistakes these tests catch: a new httpx client per request (or one created at
import time) instead of one opened by the lifespan, a client never closed at
shutdown, the test transport ignored; an endpoint that reaches into app.state
instead of declaring Depends(get_http) (so it cannot be replaced in tests),
an API-key check that reads settings directly (so overriding get_settings has
no effect), 403 instead of 401 or no WWW-Authenticate header; quotes fetched
one after another, an endpoint that blocks the event loop (requests served one
at a time), an upstream failure leaking out as a 500 instead of a 502, a bad
rate accepted, duplicate symbols fetched twice, the symbols left unvalidated.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

import httpx
import pytest
from fastapi import Depends, FastAPI
from fastapi_dependencies import MISSING_KEY, get_http, require_api_key
from fastapi_dependencies_app import create_app
from fastapi_dependencies_given import Settings, get_settings

T = TypeVar("T")
KEY = {"X-API-Key": "k-123"}


class FakeRates:
    """The upstream rates service, in-process: GET /rates/<symbol> -> {"symbol": ..., "rate": ...}."""

    def __init__(self, delay: float = 0.0, factor: float = 1.0) -> None:
        self.delay = delay
        self.factor = factor
        self.calls: list[str] = []
        self.in_flight = 0
        self.max_in_flight = 0

    async def handle(self, request: httpx.Request) -> httpx.Response:
        symbol = request.url.path.rsplit("/", 1)[-1]
        self.calls.append(symbol)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
        finally:
            self.in_flight -= 1
        if symbol == "ERR":
            return httpx.Response(500, text="database on fire")
        if symbol == "BAD":
            return httpx.Response(200, json={"symbol": symbol, "rate": "high"})
        if symbol == "STR":  # a number sent as text: not a JSON number
            return httpx.Response(200, json={"symbol": symbol, "rate": "1.08"})
        if symbol == "TRU":  # a bool is not a rate, although Python counts it as an int
            return httpx.Response(200, json={"symbol": symbol, "rate": True})
        return httpx.Response(200, json={"symbol": symbol, "rate": round(self.factor * (1 + len(self.calls) / 100), 2)})


def make_app(upstream: FakeRates) -> FastAPI:
    settings = Settings(upstream_url="http://rates.test", api_keys=frozenset({"k-123"}))
    return create_app(settings, transport=httpx.MockTransport(upstream.handle))


def run_app(app: FastAPI, use: Callable[[httpx.AsyncClient], Awaitable[T]]) -> T:
    """Start the app (its lifespan), call use(client) against it in-process, then shut it down."""

    async def main() -> T:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://quotes.test") as client:
                return await use(client)

    return asyncio.run(main())


def _add_probe_routes(app: FastAPI) -> None:
    """Two extra routes that only exercise the dependencies of task 2."""

    @app.get("/probe/http")
    async def which_client(http: Annotated[httpx.AsyncClient, Depends(get_http)]) -> int:
        return id(http)

    @app.get("/probe/secret", dependencies=[Depends(require_api_key)])
    async def secret() -> str:
        return "the secret"


@pytest.mark.task(taskno=1)
def test_lifespan_opens_one_client_and_closes_it() -> None:
    app = make_app(FakeRates())

    async def during(client: httpx.AsyncClient) -> tuple[bool, str]:
        http = app.state.http
        return http.is_closed, str(http.base_url)

    closed_during, base_url = run_app(app, during)
    assert closed_during is False, "the client must be open while the app runs"
    assert base_url.startswith("http://rates.test"), "use settings.upstream_url as the client's base_url"
    assert app.state.http.is_closed, "close the client at shutdown (async with ... : yield)"


@pytest.mark.task(taskno=1)
def test_lifespan_client_talks_to_the_given_transport() -> None:
    upstream = FakeRates()
    app = make_app(upstream)

    async def use(client: httpx.AsyncClient) -> int:
        response = await app.state.http.get("/rates/USD")
        return response.status_code

    assert run_app(app, use) == 200
    assert upstream.calls == ["USD"], "pass app.state.transport to the AsyncClient"


@pytest.mark.task(taskno=2)
def test_every_request_gets_the_shared_client() -> None:
    app = make_app(FakeRates())
    _add_probe_routes(app)

    async def use(client: httpx.AsyncClient) -> list[int]:
        return [(await client.get("/probe/http")).json() for _ in range(2)]

    first, second = run_app(app, use)
    assert first == second == id(app.state.http), "get_http must hand out the lifespan's client, not a new one"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}, {"X-API-Key": ""}], ids=["none", "wrong", "empty"])
def test_requests_without_a_valid_key_are_401(headers: dict[str, str]) -> None:
    app = make_app(FakeRates())
    _add_probe_routes(app)
    response = run_app(app, lambda client: client.get("/probe/secret", headers=headers))
    assert response.status_code == 401, "no valid key: 401 Unauthorized"
    assert response.headers.get("www-authenticate") == "ApiKey", "say how to authenticate: WWW-Authenticate: ApiKey"
    assert response.json() == {"detail": MISSING_KEY}


@pytest.mark.task(taskno=2)
def test_the_key_check_uses_the_injected_settings() -> None:
    app = make_app(FakeRates())
    _add_probe_routes(app)
    app.dependency_overrides[get_settings] = lambda: Settings(api_keys=frozenset({"from-override"}))

    async def use(client: httpx.AsyncClient) -> tuple[int, int]:
        replaced = await client.get("/probe/secret", headers={"X-API-Key": "from-override"})
        original = await client.get("/probe/secret", headers=KEY)
        return replaced.status_code, original.status_code

    assert run_app(app, use) == (200, 401), (
        "require_api_key must get its settings with Depends(get_settings), so a test can replace them"
    )


@pytest.mark.task(taskno=3)
def test_quotes_returns_the_rates() -> None:
    upstream = FakeRates()
    response = run_app(make_app(upstream), lambda client: client.get("/quotes?symbols=USD,GBP,USD", headers=KEY))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"USD", "GBP"}
    assert all(isinstance(rate, float) for rate in body.values())
    assert sorted(upstream.calls) == ["GBP", "USD"], "fetch each symbol once, even when it is asked for twice"


@pytest.mark.task(taskno=3)
def test_quotes_fetches_the_symbols_at_the_same_time() -> None:
    upstream = FakeRates(delay=0.1)
    symbols = ",".join(f"{chr(65 + n)}AA" for n in range(10))
    started = time.perf_counter()
    response = run_app(make_app(upstream), lambda client: client.get(f"/quotes?symbols={symbols}", headers=KEY))
    seconds = time.perf_counter() - started
    assert response.status_code == 200
    assert seconds < 0.6, f"ten 0.1 s upstream calls took {seconds:.2f} s: run them concurrently"
    assert upstream.max_in_flight == 10


@pytest.mark.task(taskno=3)
def test_the_app_serves_requests_concurrently() -> None:
    upstream = FakeRates(delay=0.2)

    async def five_at_once(client: httpx.AsyncClient) -> list[int]:
        calls = [client.get(f"/quotes?symbols={symbol}", headers=KEY) for symbol in ("USD", "GBP", "JPY", "CHF", "SEK")]
        return [response.status_code for response in await asyncio.gather(*calls)]

    started = time.perf_counter()
    statuses = run_app(make_app(upstream), five_at_once)
    seconds = time.perf_counter() - started
    assert statuses == [200] * 5
    assert seconds < 0.8, f"five requests waiting 0.2 s each took {seconds:.2f} s: never block the event loop"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    "symbols", ["USD,ERR", "BAD", "STR", "TRU"], ids=["upstream-500", "bad-rate", "rate-as-text", "rate-true"]
)
def test_upstream_trouble_is_a_502(symbols: str) -> None:
    response = run_app(make_app(FakeRates()), lambda client: client.get(f"/quotes?symbols={symbols}", headers=KEY))
    assert response.status_code == 502, (
        f"symbols={symbols}: the upstream failed or sent a rate that is not a JSON number (text, true): "
        f"502 Bad Gateway, got {response.status_code} {response.text}"
    )
    assert response.json()["detail"].startswith("upstream"), "say it was the upstream"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("symbols", ["usd", "USDX", "", "USD,", ",".join(["USD"] * 21)])
def test_symbols_are_validated(symbols: str) -> None:
    upstream = FakeRates()
    response = run_app(
        make_app(upstream), lambda client: client.get("/quotes", params={"symbols": symbols}, headers=KEY)
    )
    assert response.status_code == 422, f"symbols={symbols!r} must be refused: Query(pattern=SYMBOLS)"
    assert upstream.calls == [], "a refused request must not reach the upstream"


@pytest.mark.task(taskno=3)
def test_the_http_client_can_be_replaced_in_tests() -> None:
    app = make_app(FakeRates())
    other = FakeRates(factor=100)

    async def use(client: httpx.AsyncClient) -> dict[str, float]:
        async with httpx.AsyncClient(transport=httpx.MockTransport(other.handle), base_url="http://o.test") as fake:
            app.dependency_overrides[get_http] = lambda: fake
            response = await client.get("/quotes?symbols=USD", headers=KEY)
            result: dict[str, float] = response.json()
            return result

    assert run_app(app, use)["USD"] > 50, "quotes must get its client with Depends(get_http)"
    assert other.calls == ["USD"]
