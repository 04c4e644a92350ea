"""The Redis hub: rooms shared by several server processes through Redis pub/sub.

Events go out with PUBLISH on `<prefix>:room:<room>`; every process listens on the pattern
`<prefix>:room:*` and hands what arrives to its own members. Presence lives in one sorted set per
room (`<prefix>:presence:<room>`): one entry per user per process, scored by when it expires. Each
process counts its own connections and keeps its entries alive with a heartbeat, so the users of a
process that crashed disappear once their entries expire.
"""

from __future__ import annotations

import asyncio  # noqa: F401  # you will need these
import contextlib  # noqa: F401
import logging
import uuid  # noqa: F401
from collections import Counter  # noqa: F401

import redis.asyncio as redis  # noqa: F401

from .chat_hub import Deliver

log = logging.getLogger(__name__)

PRESENCE_TTL_SECONDS = 30.0

# Given: one atomic step on the server, timed by the server's clock (not by any process's). KEYS[1] is the
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
        """Make a client (`redis.Redis.from_url(url, decode_responses=True)`) and a pubsub; connect to nothing yet.
        `ValueError` for a `presence_ttl` (seconds) that is not positive."""
        raise NotImplementedError("RedisHub: write me (milestone 5)")

    async def start(self, deliver: Deliver) -> None:
        """PSUBSCRIBE to every room of the prefix BEFORE returning, then listen in a background task;
        start the presence heartbeat too."""
        raise NotImplementedError("RedisHub.start: write me (milestone 5)")

    async def publish(self, room: str, payload: str) -> None:
        raise NotImplementedError("RedisHub.publish: write me (milestone 5)")

    async def add_member(self, room: str, user: str) -> list[str]:
        """Count the connection here; make sure this process's entry for `user` is in the room's set."""
        raise NotImplementedError("RedisHub.add_member: write me (milestone 5)")

    async def remove_member(self, room: str, user: str) -> list[str]:
        """Count one connection fewer here; drop this process's entry once `user` has none left here."""
        raise NotImplementedError("RedisHub.remove_member: write me (milestone 5)")

    async def close(self) -> None:
        """Stop the heartbeat and the listener task, then close the pubsub and the client."""
        raise NotImplementedError("RedisHub.close: write me (milestone 5)")
