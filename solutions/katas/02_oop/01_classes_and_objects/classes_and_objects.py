"""Classes and objects: an endpoint, a response and a rate limiter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Self


class Endpoint:
    """An HTTP method (stored in upper case) and a path starting with '/'."""

    def __init__(self, method: str, path: str) -> None:
        if not path.startswith("/"):
            raise ValueError(f"a path must start with '/', got {path!r}")
        self.method = method.upper()
        self.path = path

    @classmethod
    def parse(cls, text: str) -> Self:
        """Build an endpoint from text such as 'GET /users'."""
        method, _, path = text.strip().partition(" ")
        return cls(method, path.strip())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.method!r}, {self.path!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Endpoint):
            return NotImplemented
        return (self.method, self.path) == (other.method, other.path)

    def __hash__(self) -> int:
        return hash((self.method, self.path))


@dataclass
class Response:
    """An HTTP response: status, body and headers."""

    status: int
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True for a 2xx status."""
        return 200 <= self.status <= 299


class RateLimiter:
    """Allows each client `limit` requests; the counts belong to this limiter."""

    limit: int = 3

    def __init__(self) -> None:
        self._hits: dict[str, int] = {}

    def allow(self, client: str) -> bool:
        """Count one request for `client`; True while the client is within the limit."""
        self._hits[client] = self._hits.get(client, 0) + 1
        return self._hits[client] <= self.limit


class BurstRateLimiter(RateLimiter):
    """A rate limiter that allows 10 requests per client."""

    limit = 10
