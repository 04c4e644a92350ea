"""Who may call whom: JWTs for customers at the gateway, one internal token per calling service."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta

import jwt
from fastapi import Request

SERVICE_TOKEN_HEADER = "X-Service-Token"
AUDIENCE = "microshop"
ALGORITHM = "HS256"
# Least privilege: the callers each service accepts. Nobody else may call it, whatever token they hold.
ALLOWED_CALLERS: Mapping[str, tuple[str, ...]] = {
    "catalog": ("gateway", "orders"),
    "orders": ("gateway",),
    "inventory": ("gateway",),
}


class InvalidTokenError(Exception):
    """A JWT that is missing, malformed, badly signed, expired or meant for someone else."""


def issue_jwt(secret: str, subject: str, *, ttl: timedelta = timedelta(minutes=15), now: datetime | None = None) -> str:
    """A signed HS256 token for `subject` (what a login service would hand out)."""
    issued = now or datetime.now(UTC)
    claims = {"sub": subject, "aud": AUDIENCE, "iat": issued, "exp": issued + ttl}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def verify_jwt(token: str, secret: str) -> str:
    """The subject of a valid token; InvalidTokenError otherwise. Only HS256 is accepted (never `none`)."""
    raise NotImplementedError("verify_jwt: write me (task 4)")


def caller_of(token: str, tokens: Mapping[str, str]) -> str | None:
    """The service whose token this is, compared in constant time; None for an unknown token."""
    raise NotImplementedError("caller_of: write me (task 4)")


def require_caller(service: str, tokens: Mapping[str, str]) -> Callable[[Request], Awaitable[str]]:
    """A FastAPI dependency: 401 without a known service token, 403 for a caller `service` does not accept."""
    raise NotImplementedError("require_caller: write me (task 6)")
