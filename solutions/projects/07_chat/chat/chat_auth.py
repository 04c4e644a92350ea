"""Who is on the other end of a socket: signed, expiring tokens (JWT, HS256) and the names they carry."""

from __future__ import annotations

import time

import jwt

from .chat_protocol import valid_username

ALGORITHM = "HS256"


class AuthError(Exception):
    """A token that is missing, malformed, forged or expired."""


def issue_token(username: str, secret: str, ttl_seconds: int, now: float | None = None) -> str:
    """A token saying "this is `username`" until `ttl_seconds` after `now` (default: the current time)."""
    if not valid_username(username):
        raise ValueError(f"invalid username {username!r}: use 1-32 letters, digits, '_' or '-'")
    issued = int(time.time() if now is None else now)
    claims = {"sub": username, "iat": issued, "exp": issued + ttl_seconds}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def verify_token(token: str | None, secret: str, now: float | None = None) -> str:
    """The username a valid token carries; `AuthError` for anything else."""
    if not token:
        raise AuthError("missing token")
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],  # never trust the token's own "alg" header
            options={"require": ["sub", "exp", "iat"], "verify_exp": now is None, "verify_iat": now is None},
        )
    except jwt.PyJWTError as error:
        raise AuthError(f"invalid token: {error}") from error
    if now is not None and claims["exp"] <= now:
        raise AuthError("invalid token: Signature has expired")
    username = claims["sub"]
    if not isinstance(username, str) or not valid_username(username):
        raise AuthError("invalid token: bad subject")
    return username
