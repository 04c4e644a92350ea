"""The Redis hub: rooms shared by several server processes through Redis pub/sub.

Events go out with PUBLISH on `<prefix>:room:<room>`; every process listens on the pattern
`<prefix>:room:*` and hands what arrives to its own members. Presence lives in one hash per
room (`<prefix>:presence:<room>`, user -> open connections), changed with atomic HINCRBY.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import redis.asyncio as redis

from .chat_hub import Deliver

log = logging.getLogger(__name__)
RECONNECT_SECONDS = 1.0

# Decrement, and drop the user (and the hash once empty) at zero: one atomic step on the server.
_LEAVE = """
local left = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
if left <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return redis.call('HKEYS', KEYS[1])
"""


class RedisHub:
    """A `Hub` over Redis. Give each deployment (or test run) its own `prefix`."""

    def __init__(self, url: str, prefix: str = "chat") -> None:
        self._client: redis.Redis = redis.Redis.from_url(url, decode_responses=True, client_name=f"{prefix}-hub")
        self._prefix = prefix
        self._pubsub = self._client.pubsub(ignore_subscribe_messages=True)
        self._listener: asyncio.Task[None] | None = None

    def _channel(self, room: str) -> str:
        return f"{self._prefix}:room:{room}"

    def _presence(self, room: str) -> str:
        return f"{self._prefix}:presence:{room}"

    async def start(self, deliver: Deliver) -> None:
        await self._pubsub.psubscribe(self._channel("*"))  # subscribed before start() returns: nothing is missed
        self._listener = asyncio.create_task(self._listen(deliver), name="redis-hub-listener")

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

    async def publish(self, room: str, payload: str) -> None:
        await self._client.publish(self._channel(room), payload)

    async def add_member(self, room: str, user: str) -> list[str]:
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.hincrby(self._presence(room), user, 1)
            pipe.hkeys(self._presence(room))
            _, members = await pipe.execute()
        return sorted(members)

    async def remove_member(self, room: str, user: str) -> list[str]:
        members = await self._client.eval(_LEAVE, 1, self._presence(room), user)
        return sorted(members)

    async def close(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
        await self._pubsub.aclose()  # type: ignore[no-untyped-call]  # redis-py leaves it unannotated
        await self._client.aclose()
