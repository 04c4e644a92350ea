"""A password reset: single-use, expiring tokens, stored only as hashes, that reveal nothing about accounts."""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable

from reset_accounts import hash_password, normalise_email
from sqlalchemy import Connection, Engine, text

TOKEN_LIFETIME = 30 * 60  # seconds from the moment the token is issued
MIN_PASSWORD_LENGTH = 10
RESET_REQUESTED = "If an account uses that address, we have sent it a link to reset its password."
INVALID_TOKEN = "This reset link is invalid or has expired. Ask for a new one."

TOKEN_BYTES = 32  # 256 random bits: 43 URL-safe characters
_FIND_USER = text("SELECT id FROM users WHERE email = :email")
_DROP_OPEN_TOKENS = text("DELETE FROM reset_tokens WHERE user_id = :id AND used_at IS NULL")
_ADD_TOKEN = text("INSERT INTO reset_tokens (user_id, token_hash, expires_at) VALUES (:id, :token_hash, :expires_at)")
# Check and use up in ONE statement: of two requests with the same token, only one gets the row back.
_USE_TOKEN = text(
    "UPDATE reset_tokens SET used_at = :now"
    " WHERE token_hash = :token_hash AND used_at IS NULL AND expires_at > :now"
    " RETURNING user_id"
)
_SET_PASSWORD = text("UPDATE users SET password_hash = :hash WHERE id = :id")


class InvalidTokenError(Exception):
    """The token is unknown, expired, used, or replaced by a newer one."""


def token_digest(token: str) -> str:
    """What is stored instead of the token, so a leaked table gives nobody a working link."""
    return hashlib.sha256(token.encode()).hexdigest()


def request_reset(engine: Engine, email: str, send: Callable[[str, str], None]) -> str:
    """Issue a token for the account with this email and send it there; the same answer whether or not it exists."""
    address = normalise_email(email)
    with engine.begin() as conn:
        user_id = conn.execute(_FIND_USER, {"email": address}).scalar_one_or_none()
        if user_id is None:
            return RESET_REQUESTED
        token = secrets.token_urlsafe(TOKEN_BYTES)
        conn.execute(_DROP_OPEN_TOKENS, {"id": user_id})
        expires_at = time.time() + TOKEN_LIFETIME
        conn.execute(_ADD_TOKEN, {"id": user_id, "token_hash": token_digest(token), "expires_at": expires_at})
    send(address, token)
    return RESET_REQUESTED


def _check_length(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"password: at least {MIN_PASSWORD_LENGTH} characters")


def reset_password(engine: Engine, token: str, new_password: str) -> None:
    """Set a new password with a token from request_reset; each token works once, before it expires."""
    _check_length(new_password)
    new_hash = hash_password(new_password)  # the slow part, before the transaction takes any lock
    with engine.begin() as conn:
        user_id = conn.execute(_USE_TOKEN, {"now": time.time(), "token_hash": token_digest(token)}).scalar_one_or_none()
        if user_id is None:
            raise InvalidTokenError(INVALID_TOKEN)
        _set_password(conn, user_id, new_hash)


def change_password(engine: Engine, user_id: int, new_password: str) -> None:
    """A signed-in user's new password; every reset link sent before stops working."""
    _check_length(new_password)
    new_hash = hash_password(new_password)
    with engine.begin() as conn:
        _set_password(conn, user_id, new_hash)


def _set_password(conn: Connection, user_id: int, new_hash: str) -> None:
    """Store the hash and drop the user's outstanding tokens."""
    conn.execute(_SET_PASSWORD, {"hash": new_hash, "id": user_id})
    conn.execute(_DROP_OPEN_TOKENS, {"id": user_id})
