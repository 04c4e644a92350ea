"""Functions and closures: flexible signatures, and functions that make functions."""

import time
from collections.abc import Callable


# Task 1 starts with this signature: make `scheme` and `port` keyword-only.
def build_url(host: str, path: str = "/", scheme: str = "https", port: int | None = None, **query: object) -> str:
    """Return a URL such as 'https://api.example.com/users?page=2'; None query values are left out."""
    raise NotImplementedError("build_url: write me (task 1)")


def log_line(level: str, *parts: object, **fields: object) -> str:
    """Return 'LEVEL part part key=value ...', quoting field values that are empty or contain a space."""
    raise NotImplementedError("log_line: write me (task 2)")


def make_rate_limiter(limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> Callable[[], bool]:
    """Return allow(): True (and counted) while fewer than `limit` calls were allowed in the last `window` seconds."""
    raise NotImplementedError("make_rate_limiter: write me (task 3)")


def pipeline(*steps: Callable[[str], str]) -> Callable[[str], str]:
    """Return a function that passes its input through every step, first to last."""
    raise NotImplementedError("pipeline: write me (task 4)")
