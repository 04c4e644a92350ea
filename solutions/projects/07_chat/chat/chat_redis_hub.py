"""The Redis hub: rooms shared by several server processes through Redis pub/sub.

Events go out with PUBLISH on `<prefix>:room:<room>`; every process listens on the pattern
`<prefix>:room:*` and hands what arrives to its own members. Presence lives in one sorted set per
room (`<prefix>:presence:<room>`): one entry per user per process, scored by when it expires. Each
process counts its own connections and keeps its entries alive with a heartbeat, so the users of a
process that crashed disappear once their entries expire.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections import Counter

import redis.asyncio as redis

from .chat_hub import Deliver

log = logging.getLogger(__name__)
RECONNECT_SECONDS = 1.0
PRESENCE_TTL_SECONDS = 30.0

# One atomic step on the server, timed by the server's clock (not by any process's). KEYS[1] is the
# room's sorted set; ARGV[1] the TTL in milliseconds; ARGV[2] an entry to drop ('' for none); ARGV[3...]
# entries to keep alive until now + TTL. Expired entries go, and the live ones come back.
_PRESENCE = """
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if ARGV[2] ~= '' then redis.call('ZREM', KEYS[1], ARGV[2]) end
for i = 3, #ARGV do redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[i]) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if #ARGV > 2 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return redis.call('ZRANGE', KEYS[1], 0, -1)
"""


class RedisHub:
    """A `Hub` over Redis. Give each deployment (or test run) its own `prefix`."""

    def __init__(self, url: str, prefix: str = "chat", presence_ttl: float = PRESENCE_TTL_SECONDS) -> None:
        if presence_ttl <= 0:
            raise ValueError("presence_ttl must be positive")
        self._client: redis.Redis = redis.Redis.from_url(url, decode_responses=True, client_name=f"{prefix}-hub")
        self._prefix = prefix
        self._pubsub = self._client.pubsub(ignore_subscribe_messages=True)
        self._listener: asyncio.Task[None] | None = None
        self._heartbeat: asyncio.Task[None] | None = None
        self._ttl_ms = max(1, round(presence_ttl * 1000))
        self._process = uuid.uuid4().hex  # this hub's entries are `<process>:<user>`
        self._local: Counter[tuple[str, str]] = Counter()  # (room, user) -> this process's open connections
        self._presence_lock = asyncio.Lock()  # a heartbeat never revives an entry a leave has just dropped

    def _channel(self, room: str) -> str:
        return f"{self._prefix}:room:{room}"

    def _presence(self, room: str) -> str:
        return f"{self._prefix}:presence:{room}"

    async def start(self, deliver: Deliver) -> None:
        await self._pubsub.psubscribe(self._channel("*"))  # subscribed before start() returns: nothing is missed
        self._listener = asyncio.create_task(self._listen(deliver), name="redis-hub-listener")
        self._heartbeat = asyncio.create_task(self._beat(), name="redis-hub-heartbeat")

    async def _listen(self, deliver: Deliver) -> None:
        room_at = len(self._channel(""))
        while True:
            try:
                async for message in self._pubsub.listen():
                    if message["type"] != "pmessage":
                        continue
                    try:
                        await deliver(str(message["channel"])[room_at:], str(message["data"]))
                    except Exception:  # one bad delivery must not stop the listener for everyone
                        log.exception("delivering a Redis message failed")
            except redis.ConnectionError:
                # Pub/sub is at-most-once: what is published while we are cut off is lost. The pubsub
                # reconnects and subscribes again on its next read; wait a little before trying.
                log.warning("lost the Redis connection; listening again in %s s", RECONNECT_SECONDS)
                await asyncio.sleep(RECONNECT_SECONDS)

    async def _beat(self) -> None:
        """Refresh this process's entries three times per TTL, so they expire only once it stops."""
        while True:
            await asyncio.sleep(self._ttl_ms / 3000)
            try:
                async with self._presence_lock:
                    rooms: dict[str, list[str]] = {}
                    for room, user in self._local:
                        rooms.setdefault(room, []).append(self._entry(user))
                    for room, entries in rooms.items():
                        await self._client.eval(_PRESENCE, 1, self._presence(room), self._ttl_ms, "", *entries)
            except redis.RedisError:
                log.warning("presence heartbeat failed; trying again in %s s", self._ttl_ms / 3000)

    def _entry(self, user: str) -> str:
        return f"{self._process}:{user}"

    async def _presence_call(self, room: str, drop: str, *keep: str) -> list[str]:
        entries = await self._client.eval(_PRESENCE, 1, self._presence(room), self._ttl_ms, drop, *keep)
        return sorted({str(entry).partition(":")[2] for entry in entries})

    async def publish(self, room: str, payload: str) -> None:
        await self._client.publish(self._channel(room), payload)

    async def add_member(self, room: str, user: str) -> list[str]:
        async with self._presence_lock:
            self._local[room, user] += 1
            return await self._presence_call(room, "", self._entry(user))

    async def remove_member(self, room: str, user: str) -> list[str]:
        async with self._presence_lock:
            self._local[room, user] -= 1
            if self._local[room, user] > 0:  # another tab of this user on this process is still there
                return await self._presence_call(room, "")
            del self._local[room, user]
            return await self._presence_call(room, self._entry(user))

    async def close(self) -> None:
        for task in (self._heartbeat, self._listener):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        await self._pubsub.aclose()  # type: ignore[no-untyped-call]  # redis-py leaves it unannotated
        await self._client.aclose()
