"""A token bucket per client: `limit` operations a minute, refilled smoothly."""

from __future__ import annotations

import time
from collections.abc import Callable


class RateLimiter:
    """`hit(key, cost)` spends `cost` tokens of `key`'s bucket: None if allowed, else the seconds to wait."""

    def __init__(self, limit: int, *, period: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.limit = limit
        self._capacity = float(limit)
        self._rate = limit / period
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def hit(self, key: str, cost: int = 1) -> float | None:
        """Spend `cost` tokens of `key`: None if there were that many (all spent), else the seconds until there
        are (none spent). ValueError for a cost under 1 or over the limit (it could never pass)."""
        if not 1 <= cost <= self._capacity:
            raise ValueError(f"cost must be from 1 to the limit ({self._capacity:.0f}), got {cost}")
        now = self._clock()
        tokens, last = self._buckets.get(key, (self._capacity, now))
        tokens = min(self._capacity, tokens + (now - last) * self._rate)
        if tokens < cost:
            self._buckets[key] = (tokens, now)
            return (cost - tokens) / self._rate
        self._buckets[key] = (tokens - cost, now)
        return None
