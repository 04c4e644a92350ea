"""Who may call whom: JWTs for customers at the gateway, one internal token per calling service."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta

import jwt
from fastapi import HTTPException, Request, status

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
    try:
        claims = jwt.decode(
            token, secret, algorithms=[ALGORITHM], audience=AUDIENCE, options={"require": ["exp", "sub", "aud"]}
        )
    except jwt.PyJWTError as error:
        raise InvalidTokenError(str(error)) from error
    subject = claims["sub"]
    if not isinstance(subject, str) or not subject:
        raise InvalidTokenError("the token names no subject")
    return subject


def caller_of(token: str, tokens: Mapping[str, str]) -> str | None:
    """The service whose token this is, compared in constant time; None for an unknown token."""
    found = None
    for caller, expected in tokens.items():
        if hmac.compare_digest(token.encode(), expected.encode()):
            found = caller
    return found


def require_caller(service: str, tokens: Mapping[str, str]) -> Callable[[Request], Awaitable[str]]:
    """A FastAPI dependency: 401 without a known service token, 403 for a caller `service` does not accept."""
    allowed = ALLOWED_CALLERS[service]

    async def dependency(request: Request) -> str:
        caller = caller_of(request.headers.get(SERVICE_TOKEN_HEADER, ""), tokens)
        if caller is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "a valid service token is required")
        if caller not in allowed:
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"{caller} may not call {service}")
        return caller

    return dependency
