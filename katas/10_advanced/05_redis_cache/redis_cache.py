"""Cache-aside on Redis: a TTL, invalidation on write, negative caching and stampede protection."""

from __future__ import annotations

import json  # noqa: F401  (you will need it)
import secrets  # noqa: F401  (you will need it)
import time  # noqa: F401  (you will need it)
from typing import Any, Protocol

import redis


class Source(Protocol):
    """The slow system of record behind the cache (a database, another service)."""

    def load(self, name: str) -> Any:
        """The current value for name, or None when there is none."""

    def save(self, name: str, value: Any) -> None:
        """Store a new value for name."""


def connect(url: str) -> redis.Redis:
    """A client for the Redis server at url whose replies are str, not bytes."""
    raise NotImplementedError


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

    def get(self, name: str) -> Any:
        """The value for name: from the cache, or loaded once from the source and cached."""
        raise NotImplementedError

    def put(self, name: str, value: Any) -> None:
        """Write value to the source, then drop the cached copy so the next get loads the new one."""
        raise NotImplementedError
