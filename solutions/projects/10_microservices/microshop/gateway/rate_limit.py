"""A token bucket per client: `limit` requests a minute, refilled smoothly."""

from __future__ import annotations

import time
from collections.abc import Callable


class RateLimiter:
    """`hit(key)` spends one token of `key`'s bucket: None if allowed, else the seconds to wait."""

    def __init__(self, limit: int, *, period: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self._capacity = float(limit)
        self._rate = limit / period
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def hit(self, key: str) -> float | None:
        """Spend a token of `key`: None if there was one, else the seconds until there is."""
        now = self._clock()
        tokens, last = self._buckets.get(key, (self._capacity, now))
        tokens = min(self._capacity, tokens + (now - last) * self._rate)
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return (1 - tokens) / self._rate
        self._buckets[key] = (tokens - 1, now)
        return None
