"""The Redis hub: rooms shared by several server processes through Redis pub/sub.

Events go out with PUBLISH on `<prefix>:room:<room>`; every process listens on the pattern
`<prefix>:room:*` and hands what arrives to its own members. Presence lives in one hash per
room (`<prefix>:presence:<room>`, user -> open connections), changed with atomic HINCRBY.
"""

from __future__ import annotations

import asyncio  # noqa: F401  # you will need these
import contextlib  # noqa: F401
import logging

import redis.asyncio as redis  # noqa: F401

from .chat_hub import Deliver

log = logging.getLogger(__name__)

# Given: decrement, and drop the user (and the hash once empty) at zero: one atomic step on the server.
_LEAVE = """
local left = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
if left <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return redis.call('HKEYS', KEYS[1])
"""


class RedisHub:
    """A `Hub` over Redis. Give each deployment (or test run) its own `prefix`."""

    def __init__(self, url: str, prefix: str = "chat") -> None:
        """Make a client (`redis.Redis.from_url(url, decode_responses=True)`) and a pubsub; connect to nothing yet."""
        raise NotImplementedError("RedisHub: write me (milestone 5)")

    async def start(self, deliver: Deliver) -> None:
        """PSUBSCRIBE to every room of the prefix BEFORE returning, then listen in a background task."""
        raise NotImplementedError("RedisHub.start: write me (milestone 5)")

    async def publish(self, room: str, payload: str) -> None:
        raise NotImplementedError("RedisHub.publish: write me (milestone 5)")

    async def add_member(self, room: str, user: str) -> list[str]:
        raise NotImplementedError("RedisHub.add_member: write me (milestone 5)")

    async def remove_member(self, room: str, user: str) -> list[str]:
        raise NotImplementedError("RedisHub.remove_member: write me (milestone 5)")

    async def close(self) -> None:
        """Stop the listener task, then close the pubsub and the client."""
        raise NotImplementedError("RedisHub.close: write me (milestone 5)")
