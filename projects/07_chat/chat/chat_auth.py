"""Who is on the other end of a socket: signed, expiring tokens (JWT, HS256) and the names they carry."""

from __future__ import annotations

import time  # noqa: F401  # you will need it

import jwt  # noqa: F401  # you will need it

from .chat_protocol import valid_username  # noqa: F401  # you will need it

ALGORITHM = "HS256"


class AuthError(Exception):
    """A token that is missing, malformed, forged or expired."""


def issue_token(username: str, secret: str, ttl_seconds: int, now: float | None = None) -> str:
    """A token saying "this is `username`" until `ttl_seconds` after `now` (default: the current time).

    A JWT signed with HS256 and `secret`, with the claims `sub` (the username), `iat` (issued at) and
    `exp` (expires), both whole seconds since the epoch. `ValueError` for a name `valid_username` refuses.
    """
    raise NotImplementedError("issue_token: write me (milestone 1)")


def verify_token(token: str | None, secret: str, now: float | None = None) -> str:
    """The username a valid token carries; `AuthError` for anything else.

    Missing or empty, malformed, signed with another secret or another algorithm (pin HS256: never
    trust the token's own header), missing a claim, or expired (`exp <= now`). `now` is for tests:
    None means the current time.
    """
    raise NotImplementedError("verify_token: write me (milestone 1)")
