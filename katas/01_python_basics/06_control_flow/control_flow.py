"""Control flow: decisions and loops a server makes every second."""

import time
from collections.abc import Callable, Sequence


def classify_status(code: int) -> str:
    """Return the class of an HTTP status code, such as 'success' for 204; ValueError outside 100-599."""
    raise NotImplementedError("classify_status: write me (task 1)")


def parse_config(text: str) -> dict[str, str]:
    """Read `key = value` lines into a dict, skipping blanks and # comments; ValueError('line N: ...') if bad."""
    raise NotImplementedError("parse_config: write me (task 2)")


def backoff_delays(attempts: int, base: float = 0.5, factor: float = 2.0, cap: float = 30.0) -> list[float]:
    """Return the wait before each retry: base, base*factor, ... never above cap; ValueError if attempts < 0."""
    raise NotImplementedError("backoff_delays: write me (task 3)")


def wait_until(check: Callable[[], bool], delays: Sequence[float], sleep: Callable[[float], None] = time.sleep) -> int:
    """Call check() until it is True, sleeping the next delay after each failure; return the number of calls.

    Raise TimeoutError('not ready after N checks') when the delays run out.
    """
    raise NotImplementedError("wait_until: write me (task 4)")
