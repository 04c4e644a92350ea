"""Control flow: decisions and loops a server makes every second."""

import time
from collections.abc import Callable, Sequence

_STATUS_CLASSES = {
    1: "informational",
    2: "success",
    3: "redirection",
    4: "client error",
    5: "server error",
}


def classify_status(code: int) -> str:
    """Return the class of an HTTP status code, such as 'success' for 204; ValueError outside 100-599."""
    if not 100 <= code <= 599:
        raise ValueError(f"not an HTTP status code: {code}")
    return _STATUS_CLASSES[code // 100]


def parse_config(text: str) -> dict[str, str]:
    """Read `key = value` lines into a dict, skipping blanks and # comments; ValueError('line N: ...') if bad."""
    config: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, separator, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if not separator:
            raise ValueError(f"line {number}: expected 'key = value', got {line!r}")
        if not key:
            raise ValueError(f"line {number}: missing key in {line!r}")
        if key in config:
            raise ValueError(f"line {number}: duplicate key {key!r}")
        if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
            value = value[1:-1]
        config[key] = value
    return config


def backoff_delays(attempts: int, base: float = 0.5, factor: float = 2.0, cap: float = 30.0) -> list[float]:
    """Return the wait before each retry: base, base*factor, ... never above cap; ValueError if attempts < 0."""
    if attempts < 0:
        raise ValueError(f"attempts cannot be negative, got {attempts}")
    delays: list[float] = []
    delay = base
    for _ in range(attempts):
        delays.append(min(delay, cap))
        delay *= factor
    return delays


def wait_until(check: Callable[[], bool], delays: Sequence[float], sleep: Callable[[float], None] = time.sleep) -> int:
    """Call check() until it is True, sleeping the next delay after each failure; return the number of calls.

    Raise TimeoutError('not ready after N checks') when the delays run out.
    """
    for number, delay in enumerate(delays, start=1):
        if check():
            return number
        sleep(delay)
    checks = len(delays) + 1
    if check():
        return checks
    raise TimeoutError(f"not ready after {checks} checks")
