"""Tests for the bounded-fetcher kata.

Mistakes these tests catch: fetch_one raising on a 404/500 or on a refused
connection instead of reporting it, `raise_for_status()` left uncaught, a 2xx
body that is not JSON crashing the batch, the error named by its message
instead of its type; fetch_all awaiting the URLs one by one (slow), starting
them all at once (the limit ignored: a Semaphore created per request, or
none), results in completion order instead of URL order, a limit of 0
accepted (it would hang forever); parse_all calling the blocking parser on
the event loop (everything else freezes) or one call after another.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx
import pytest
from bounded_fetcher import fetch_all, fetch_one, parse_all
from bounded_fetcher_given import Result
from hypothesis import given, settings
from hypothesis import strategies as st

T = TypeVar("T")


class FakeServer:
    """An in-process HTTP server (an httpx MockTransport handler) that counts requests in flight."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.in_flight = 0
        self.max_in_flight = 0
        self.finished: list[str] = []  # paths of the /wait/ requests, in the order they ended

    async def handle(self, request: httpx.Request) -> httpx.Response:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            path = request.url.path
            if path.startswith("/items/"):
                number = int(path.rsplit("/", 1)[1])
                await asyncio.sleep(self.delay * (1 + number % 3))
                return httpx.Response(200, json={"id": number})
            if path.startswith("/wait/"):
                await asyncio.sleep(float(path.rsplit("/", 1)[1]))
                self.finished.append(path)
                return httpx.Response(200, json={"waited": path})
            if path == "/created":
                return httpx.Response(201, json={"id": 7})
            if path == "/broken":
                return httpx.Response(500, text="oops")
            if path == "/garbage":
                return httpx.Response(200, text="<html>not json</html>")
            if path == "/down":
                raise httpx.ConnectError("connection refused", request=request)
            if path == "/slow":
                raise httpx.ReadTimeout("timed out", request=request)
            return httpx.Response(404, json={"error": "not found"})
        finally:
            self.in_flight -= 1


def run(server: FakeServer, use: Callable[[httpx.AsyncClient], Awaitable[T]]) -> tuple[T, float]:
    """Run use(client) against the fake server; return its result and the seconds it took."""

    async def main() -> T:
        transport = httpx.MockTransport(server.handle)
        async with httpx.AsyncClient(transport=transport, base_url="http://api.test") as client:
            return await use(client)

    started = time.perf_counter()
    result = asyncio.run(main())
    return result, time.perf_counter() - started


@pytest.mark.task(taskno=1)
def test_fetch_one_returns_the_json() -> None:
    result, _ = run(FakeServer(), lambda client: fetch_one(client, "/items/3"))
    assert result == Result("/items/3", status=200, data={"id": 3})
    assert result.ok


@pytest.mark.task(taskno=1)
def test_fetch_one_accepts_every_2xx() -> None:
    result, _ = run(FakeServer(), lambda client: fetch_one(client, "/created"))
    assert result == Result("/created", status=201, data={"id": 7}), f"201 is a success too (any 2xx), got {result}"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/broken", Result("/broken", status=500, error="HTTP 500")),
        ("/nope", Result("/nope", status=404, error="HTTP 404")),
        ("/garbage", Result("/garbage", status=200, error="invalid JSON")),
        ("/down", Result("/down", error="ConnectError")),
        ("/slow", Result("/slow", error="ReadTimeout")),
    ],
    ids=["500", "404", "not-json", "refused", "timeout"],
)
def test_fetch_one_reports_failures_instead_of_raising(url: str, expected: Result) -> None:
    result, _ = run(FakeServer(), lambda client: fetch_one(client, url))
    assert result == expected, f"GET {url} should give {expected}, got {result}"
    assert not result.ok


@pytest.mark.task(taskno=2)
def test_fetch_all_keeps_the_order_of_the_urls() -> None:
    urls = [f"/items/{n}" for n in (2, 1, 0, 5, 4, 3)]  # later ones finish sooner
    results, _ = run(FakeServer(delay=0.02), lambda client: fetch_all(client, urls, limit=3))
    assert [result.url for result in results] == urls, "results must come back in the order of the urls"
    assert [result.data for result in results] == [{"id": n} for n in (2, 1, 0, 5, 4, 3)]


@pytest.mark.task(taskno=2)
def test_fetch_all_runs_up_to_the_limit_at_once() -> None:
    server = FakeServer(delay=0.05)
    urls = [f"/items/{n * 3}" for n in range(20)]  # each takes 0.05 s
    results, seconds = run(server, lambda client: fetch_all(client, urls, limit=5))
    assert all(result.ok for result in results)
    assert server.max_in_flight <= 5, f"{server.max_in_flight} requests were in flight at once: the limit is 5"
    assert server.max_in_flight == 5, f"only {server.max_in_flight} ran at once: use the whole limit of 5"
    assert seconds < 0.6, f"20 requests of 0.05 s, 5 at a time, took {seconds:.2f} s: they must overlap"


@pytest.mark.task(taskno=2)
def test_fetch_all_refills_a_free_slot_at_once() -> None:
    urls = ["/wait/0.6"] + ["/wait/0.05"] * 6
    server = FakeServer()
    results, _ = run(server, lambda client: fetch_all(client, urls, limit=2))
    assert [result.data for result in results] == [{"waited": url} for url in urls]
    fast_before_slow = server.finished.index("/wait/0.6")
    assert fast_before_slow >= 4, (
        f"only {fast_before_slow} of the six fast requests finished while the slow one ran: when a request "
        "ends, start the next at once (a Semaphore), do not wait for a whole batch of `limit` to finish"
    )


@pytest.mark.task(taskno=2)
def test_fetch_all_survives_failures() -> None:
    urls = ["/items/1", "/down", "/broken", "/items/2"]
    results, _ = run(FakeServer(), lambda client: fetch_all(client, urls, limit=2))
    assert [result.ok for result in results] == [True, False, False, True], "one failure must not sink the batch"


@pytest.mark.task(taskno=2)
def test_fetch_all_edge_cases() -> None:
    results, _ = run(FakeServer(), lambda client: fetch_all(client, [], limit=3))
    assert results == [], "no urls, no results"
    with pytest.raises(ValueError, match="limit"):
        run(FakeServer(), lambda client: fetch_all(client, ["/items/1"], limit=0))


@pytest.mark.task(taskno=2)
@settings(max_examples=25, deadline=None)
@given(count=st.integers(min_value=0, max_value=15), limit=st.integers(min_value=1, max_value=8))
def test_fetch_all_never_exceeds_the_limit(count: int, limit: int) -> None:
    server = FakeServer(delay=0.001)
    urls = [f"/items/{n}" for n in range(count)]
    results, _ = run(server, lambda client: fetch_all(client, urls, limit=limit))
    assert [result.url for result in results] == urls
    assert server.max_in_flight <= limit, f"limit {limit}, but {server.max_in_flight} ran at once"


def _slow_parse(payload: bytes) -> int:
    """A blocking parser: it holds its thread for 0.25 s."""
    time.sleep(0.25)
    return len(payload)


@pytest.mark.task(taskno=3)
def test_parse_all_runs_the_parsers_in_parallel_threads() -> None:
    payloads = [b"a", b"bb", b"ccc", b"dddd", b"eeeee"]
    started = time.perf_counter()
    sizes = asyncio.run(parse_all(payloads, _slow_parse))
    seconds = time.perf_counter() - started
    assert sizes == [1, 2, 3, 4, 5], "results in the order of the payloads"
    assert seconds < 0.9, f"five 0.25 s parses took {seconds:.2f} s: run them in threads at the same time"


@pytest.mark.task(taskno=3)
def test_parse_all_keeps_the_event_loop_free() -> None:
    threads: set[str] = set()

    def parse(payload: bytes) -> int:
        threads.add(threading.current_thread().name)
        time.sleep(0.3)
        return len(payload)

    async def main() -> int:
        ticks = 0

        async def heartbeat() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.02)
                ticks += 1

        beating = asyncio.create_task(heartbeat())
        await parse_all([b"x", b"y"], parse)
        beating.cancel()
        return ticks

    ticks = asyncio.run(main())
    assert threading.main_thread().name not in threads, "the parser ran on the event loop's thread: use to_thread"
    assert ticks >= 3, f"the event loop ticked only {ticks} times in 0.3 s: blocking code froze it"
