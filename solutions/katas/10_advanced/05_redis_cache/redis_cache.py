"""Cache-aside on Redis: a TTL, invalidation on write, negative caching and stampede protection."""

from __future__ import annotations

import json
import secrets
import time
from typing import Any, Protocol

import redis

POLL_SECONDS = 0.01  # how long a waiter sleeps between two looks at the cache
# Deletes the lock only while it still holds our token: one script, so nobody can take the lock in between.
_RELEASE = """
if redis.call("GET", KEYS[1]) == ARGV[1] then
    return redis.call("DEL", KEYS[1])
end
return 0
"""


class Source(Protocol):
    """The slow system of record behind the cache (a database, another service)."""

    def load(self, name: str) -> Any:
        """The current value for name, or None when there is none."""

    def save(self, name: str, value: Any) -> None:
        """Store a new value for name."""


def connect(url: str) -> redis.Redis:
    """A client for the Redis server at url whose replies are str, not bytes."""
    return redis.Redis.from_url(url, decode_responses=True)


class RedisCache:
    """Cache-aside in front of source, under the keys `prefix:name` (values) and `prefix:lock:name` (locks)."""

    def __init__(
        self,
        client: redis.Redis,
        source: Source,
        prefix: str,
        *,
        ttl: int = 60,
        negative_ttl: int = 5,
        lock_ms: int = 5000,
        wait: float = 10.0,
    ) -> None:
        self.client = client
        self.source = source
        self.prefix = prefix
        self.ttl = ttl
        self.negative_ttl = negative_ttl
        self.lock_ms = lock_ms
        self.wait = wait

    def key(self, name: str) -> str:
        """Where the cached value of name lives."""
        return f"{self.prefix}:{name}"

    def lock_key(self, name: str) -> str:
        """Where the lock for loading name lives."""
        return f"{self.prefix}:lock:{name}"

    def get(self, name: str) -> Any:
        """The value for name: from the cache, or loaded once from the source and cached."""
        deadline = time.monotonic() + self.wait
        while True:
            hit, value = self._cached(name)
            if hit:
                return value
            token = secrets.token_hex()
            if self.client.set(self.lock_key(name), token, nx=True, px=self.lock_ms):
                try:
                    return self._fill(name)
                finally:
                    self.client.eval(_RELEASE, 1, self.lock_key(name), token)
            if time.monotonic() >= deadline:
                raise TimeoutError(f"{name!r} is still being loaded by someone else after {self.wait} s")
            time.sleep(POLL_SECONDS)

    def _cached(self, name: str) -> tuple[bool, Any]:
        """(True, value) when name is in the cache, even as 0, "" or null; (False, None) on a miss."""
        raw = self.client.get(self.key(name))
        if raw is None:
            return False, None
        return True, json.loads(raw)

    def _fill(self, name: str) -> Any:
        """Load name into the cache; the caller holds the lock."""
        hit, value = self._cached(name)  # filled by someone else just before we took the lock?
        if hit:
            return value
        value = self.source.load(name)
        ttl = self.negative_ttl if value is None else self.ttl
        self.client.set(self.key(name), json.dumps(value), ex=ttl)
        return value

    def put(self, name: str, value: Any) -> None:
        """Write value to the source, then drop the cached copy so the next get loads the new one."""
        self.source.save(name, value)
        self.client.delete(self.key(name))
