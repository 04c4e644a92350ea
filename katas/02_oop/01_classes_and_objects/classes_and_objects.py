"""Classes and objects: an endpoint, a response and a rate limiter."""

from __future__ import annotations

from typing import Self


class Endpoint:
    """An HTTP method (stored in upper case) and a path starting with '/'."""

    def __init__(self, method: str, path: str) -> None:
        raise NotImplementedError("Endpoint: write me (task 1)")

    @classmethod
    def parse(cls, text: str) -> Self:
        """Build an endpoint from text such as 'GET /users'."""
        raise NotImplementedError("Endpoint.parse: write me (task 1)")

    def __repr__(self) -> str:
        raise NotImplementedError("Endpoint.__repr__: write me (task 1)")

    def __eq__(self, other: object) -> bool:
        raise NotImplementedError("Endpoint.__eq__: write me (task 1)")

    def __hash__(self) -> int:
        raise NotImplementedError("Endpoint.__hash__: write me (task 1)")


class Response:
    """An HTTP response: status, body and headers. Make me a @dataclass (task 2)."""

    def __init__(self, status: int, body: str = "", headers: dict[str, str] | None = None) -> None:
        raise NotImplementedError("Response: write me as a dataclass (task 2)")

    @property
    def ok(self) -> bool:
        """True for a 2xx status."""
        raise NotImplementedError("Response.ok: write me (task 2)")


class RateLimiter:
    """Allows each client `limit` requests; the counts belong to this limiter."""

    limit: int = 3

    def __init__(self) -> None:
        raise NotImplementedError("RateLimiter: write me (task 3)")

    def allow(self, client: str) -> bool:
        """Count one request for `client`; True while the client is within the limit."""
        raise NotImplementedError("RateLimiter.allow: write me (task 3)")


class BurstRateLimiter(RateLimiter):
    """A rate limiter that allows 10 requests per client (task 3: change only the class attribute)."""
