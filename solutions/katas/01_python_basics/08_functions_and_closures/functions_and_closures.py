"""Functions and closures: flexible signatures, and functions that make functions."""

import time
from collections import deque
from collections.abc import Callable
from urllib.parse import urlencode

_DEFAULT_PORTS = {"http": 80, "https": 443}


def build_url(host: str, path: str = "/", *, scheme: str = "https", port: int | None = None, **query: object) -> str:
    """Return a URL such as 'https://api.example.com/users?page=2'; None query values are left out."""
    netloc = host if port is None or port == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    if not path.startswith("/"):
        path = "/" + path
    params = urlencode({name: value for name, value in query.items() if value is not None})
    return f"{scheme}://{netloc}{path}" + (f"?{params}" if params else "")


def _field(name: str, value: object) -> str:
    text = str(value)
    return f'{name}="{text}"' if not text or " " in text else f"{name}={text}"


def log_line(level: str, *parts: object, **fields: object) -> str:
    """Return 'LEVEL part part key=value ...', quoting field values that are empty or contain a space."""
    pieces = [level.upper(), *map(str, parts), *(_field(name, value) for name, value in fields.items())]
    return " ".join(pieces)


def make_rate_limiter(limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> Callable[[], bool]:
    """Return allow(): True (and counted) while fewer than `limit` calls were allowed in the last `window` seconds."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    if window <= 0:
        raise ValueError(f"window must be positive, got {window}")
    allowed_at: deque[float] = deque()

    def allow() -> bool:
        now = clock()
        while allowed_at and now - allowed_at[0] >= window:
            allowed_at.popleft()
        if len(allowed_at) >= limit:
            return False
        allowed_at.append(now)
        return True

    return allow


def pipeline(*steps: Callable[[str], str]) -> Callable[[str], str]:
    """Return a function that passes its input through every step, first to last."""

    def run(value: str) -> str:
        for step in steps:
            value = step(value)
        return value

    return run
