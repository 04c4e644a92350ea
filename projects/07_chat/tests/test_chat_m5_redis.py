"""Milestone 5: scale out — a Redis hub, so that rooms span several server processes.

Needs Redis at `REDIS_URL` (e.g. redis://127.0.0.1:6379/0): skipped when it is unset, and FAILS
when `CI` is set and Redis does not answer. Each test uses a channel prefix of its own.

The last test is the real thing: two uvicorn processes on 127.0.0.1, ann connected to one, sam
to the other, talking through Redis, driven by the `websockets` client library.

Mistakes these tests catch: a hub that only delivers in its own process, subscribing after
start() returns (the first events are lost), presence counted per process (each server thinks
its users are alone), forgetting the prefix (test runs and deployments hear each other),
a server that builds its Redis connection at import time, a shutdown that leaves its users
"present" on the other servers, presence without an expiry (a crashed server's users stay "present"
for ever), an expiry without a heartbeat (everyone vanishes after the TTL), an expiry per user instead
of per user and process (a crashed server's users stay as long as another server refreshes the name).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

import pytest

pytestmark = [pytest.mark.task(taskno=5), pytest.mark.timeout(60)]


async def _drain(queue: asyncio.Queue[tuple[str, str]], count: int) -> list[tuple[str, str]]:
    return [await asyncio.wait_for(queue.get(), timeout=5) for _ in range(count)]


def test_an_event_published_on_one_hub_reaches_every_hub(redis_url: str, channel_prefix: str) -> None:
    from chat.chat_redis_hub import RedisHub

    async def main() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        first, second = RedisHub(redis_url, channel_prefix), RedisHub(redis_url, channel_prefix)
        got_first: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
        got_second: asyncio.Queue[tuple[str, str]] = asyncio.Queue()

        async def to_first(room: str, payload: str) -> None:
            await got_first.put((room, payload))

        async def to_second(room: str, payload: str) -> None:
            await got_second.put((room, payload))

        await first.start(to_first)
        await second.start(to_second)
        try:
            await first.publish("lobby", '{"n": 1}')
            await second.publish("random", '{"n": 2}')
            return await _drain(got_first, 2), await _drain(got_second, 2)
        finally:
            await first.close()
            await second.close()

    at_first, at_second = asyncio.run(main())
    expected = [("lobby", '{"n": 1}'), ("random", '{"n": 2}')]
    assert at_first == expected, "every hub (the publisher's too) delivers every room's events, with their room"
    assert at_second == expected


def test_hubs_with_different_prefixes_do_not_hear_each_other(redis_url: str, channel_prefix: str) -> None:
    from chat.chat_redis_hub import RedisHub

    async def main() -> list[tuple[str, str]]:
        ours, theirs = RedisHub(redis_url, channel_prefix), RedisHub(redis_url, channel_prefix + "-other")
        got: asyncio.Queue[tuple[str, str]] = asyncio.Queue()

        async def deliver(room: str, payload: str) -> None:
            await got.put((room, payload))

        async def ignore(room: str, payload: str) -> None:
            pass

        await ours.start(deliver)
        await theirs.start(ignore)
        try:
            await theirs.publish("lobby", "not for us")
            await ours.publish("lobby", "for us")
            return await _drain(got, 1)
        finally:
            await ours.close()
            await theirs.close()

    assert asyncio.run(main()) == [("lobby", "for us")], "the prefix must separate deployments (and test runs)"


def test_presence_is_counted_across_hubs(redis_url: str, channel_prefix: str) -> None:
    from chat.chat_redis_hub import RedisHub

    async def main() -> list[list[str]]:
        first, second = RedisHub(redis_url, channel_prefix), RedisHub(redis_url, channel_prefix)
        try:
            return [
                await first.add_member("lobby", "ann"),
                await second.add_member("lobby", "sam"),
                await second.add_member("lobby", "ann"),  # ann's second tab, on the other server
                await first.remove_member("lobby", "ann"),
                await second.remove_member("lobby", "ann"),
                await second.remove_member("lobby", "sam"),
            ]
        finally:
            await first.close()
            await second.close()

    assert asyncio.run(main()) == [["ann"], ["ann", "sam"], ["ann", "sam"], ["ann", "sam"], ["sam"], []]


def test_presence_of_a_process_that_stopped_beating_expires(redis_url: str, channel_prefix: str) -> None:
    from chat.chat_redis_hub import RedisHub

    with pytest.raises(ValueError, match="presence_ttl"):
        RedisHub(redis_url, channel_prefix, presence_ttl=0)

    async def main() -> tuple[list[str], list[str], list[str]]:
        # `crashed` never starts its heartbeat: like a process killed after its users joined.
        crashed = RedisHub(redis_url, channel_prefix, presence_ttl=0.5)
        alive = RedisHub(redis_url, channel_prefix, presence_ttl=0.5)
        await alive.start(_ignore)
        try:
            await crashed.add_member("lobby", "ann")
            before = await alive.add_member("lobby", "sam")
            await alive.add_member("lobby", "ann")  # ann's second tab, on the live process
            await asyncio.sleep(1.5)  # three TTLs: the crashed entries are gone, the live ones were refreshed
            after = await alive.add_member("lobby", "kim")
            await alive.remove_member("lobby", "ann")
            return before, after, await alive.remove_member("lobby", "kim")
        finally:
            await crashed.close()
            await alive.close()

    before, after, left = asyncio.run(main())
    assert before == ["ann", "sam"]
    assert after == ["ann", "kim", "sam"], (
        "the live process's heartbeat keeps its users (ann's tab there too) past the TTL"
    )
    assert left == ["sam"], (
        "ann's only tab left on the live process; her entry from the process that stopped must have expired "
        "(one entry per user per process, each with its own expiry)"
    )


async def _ignore(room: str, payload: str) -> None:
    pass


def _receive(ws: Any, kind: str) -> dict[str, Any]:
    """The next event of type `kind` (other events in between are skipped); fails after 5 s."""
    while True:
        event: dict[str, Any] = json.loads(ws.recv(timeout=5))
        if event["type"] == kind:
            return event


def test_two_server_processes_share_a_room(
    redis_url: str, channel_prefix: str, start_servers: Callable[..., Any]
) -> None:
    import httpx
    from websockets.sync.client import connect

    settings = {"CHAT_HUB": "redis", "REDIS_URL": redis_url, "CHAT_CHANNEL_PREFIX": channel_prefix}
    one, two = start_servers(2, **settings)
    token_ann = httpx.post(one.url + "/login", json={"username": "ann"}).json()["token"]
    token_sam = httpx.post(two.url + "/login", json={"username": "sam"}).json()["token"]

    ws_one, ws_two = one.url.replace("http", "ws", 1), two.url.replace("http", "ws", 1)
    with connect(f"{ws_one}/ws?token={token_ann}") as ann, connect(f"{ws_two}/ws?token={token_sam}") as sam:
        ann.send(json.dumps({"type": "join", "room": "lobby"}))
        _receive(ann, "joined")
        sam.send(json.dumps({"type": "join", "room": "lobby"}))
        _receive(sam, "joined")
        presence = _receive(ann, "presence")
        while presence["user"] != "sam":
            presence = _receive(ann, "presence")
        assert presence["members"] == ["ann", "sam"], "ann (server one) must hear that sam joined on server two"

        ann.send(json.dumps({"type": "message", "room": "lobby", "text": "hello from server one"}))
        message = _receive(sam, "message")
        assert (message["user"], message["text"]) == ("ann", "hello from server one"), (
            "a message sent through one server must reach a client of the other"
        )
        sam.send(json.dumps({"type": "message", "room": "lobby", "text": "and back from two"}))
        reply = _receive(ann, "message")
        while reply["user"] != "sam":  # ann's own echo may come first
            reply = _receive(ann, "message")
        assert reply["text"] == "and back from two"

        two.stop()  # a graceful shutdown closes sam's socket; the server must still say goodbye for sam
        goodbye = _receive(ann, "presence")
        assert (goodbye["event"], goodbye["user"], goodbye["members"]) == ("leave", "sam", ["ann"]), (
            "when a server shuts down, its users leave their rooms on every other server too"
        )


def test_a_crashed_servers_users_disappear_after_the_presence_ttl(
    redis_url: str, channel_prefix: str, start_servers: Callable[..., Any]
) -> None:
    import httpx
    from websockets.sync.client import connect

    settings = {
        "CHAT_HUB": "redis",
        "REDIS_URL": redis_url,
        "CHAT_CHANNEL_PREFIX": channel_prefix,
        "CHAT_PRESENCE_TTL_SECONDS": "1",
    }
    one, two = start_servers(2, **settings)
    tokens = {name: httpx.post(one.url + "/login", json={"username": name}).json()["token"] for name in ("ann", "sam")}
    ws_one, ws_two = one.url.replace("http", "ws", 1), two.url.replace("http", "ws", 1)
    with connect(f"{ws_one}/ws?token={tokens['ann']}") as ann, connect(f"{ws_two}/ws?token={tokens['sam']}") as sam:
        ann.send(json.dumps({"type": "join", "room": "lobby"}))
        _receive(ann, "joined")
        sam.send(json.dumps({"type": "join", "room": "lobby"}))
        joined = _receive(sam, "presence")
        while joined["user"] != "sam":
            joined = _receive(sam, "presence")
        assert joined["members"] == ["ann", "sam"]

        two.process.kill()  # SIGKILL: no goodbye, sam's entry stays in Redis until it expires
        two.process.wait(timeout=5)
        time.sleep(2.5)  # the TTL (1 s) and then some; ann's server keeps beating all along
        tokens["kim"] = httpx.post(one.url + "/login", json={"username": "kim"}).json()["token"]
        with connect(f"{ws_one}/ws?token={tokens['kim']}") as kim:
            kim.send(json.dumps({"type": "join", "room": "lobby"}))
            presence = _receive(kim, "presence")
    assert presence["members"] == ["ann", "kim"], (
        "CHAT_PRESENCE_TTL_SECONDS=1: a server killed without a goodbye stops its heartbeat, and its users "
        "leave the members once their presence expires; the live server's users stay"
    )
