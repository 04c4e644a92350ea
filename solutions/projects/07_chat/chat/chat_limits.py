"""Per-connection limits: a token bucket for the message rate, and the size of what a client may send."""

from __future__ import annotations

import time
from collections.abc import Callable


class TokenBucket:
    """Allows bursts of up to `capacity` events, refilled at `rate` tokens a second.

    `clock` returns seconds (monotonic); tests pass a fake one.
    """

    def __init__(self, capacity: int, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        if capacity < 1 or rate <= 0:
            raise ValueError("capacity must be at least 1 and rate positive")
        self._capacity = float(capacity)
        self._rate = rate
        self._clock = clock
        self._tokens = float(capacity)
        self._updated = clock()

    def try_acquire(self) -> float:
        """Take one token: 0.0 if allowed, else how many seconds until one is available (nothing is taken)."""
        now = self._clock()
        elapsed = max(0.0, now - self._updated)
        self._tokens = min(self._capacity, self._tokens + elapsed * self._rate)
        self._updated = now
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return 0.0
        return (1.0 - self._tokens) / self._rate


def utf8_size(text: str) -> int:
    """The size in bytes on the wire: limits count bytes, not characters ("é" is 2, "🙂" is 4)."""
    return len(text.encode("utf-8", errors="surrogatepass"))
