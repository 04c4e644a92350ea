"""A password reset: single-use, expiring tokens, stored only as hashes, that reveal nothing about accounts."""

from __future__ import annotations

import hashlib  # noqa: F401 (you will need it)
import secrets  # noqa: F401 (you will need it)
import time  # noqa: F401 (you will need it)
from collections.abc import Callable

from reset_accounts import hash_password, normalise_email  # noqa: F401 (you will need them)
from sqlalchemy import Engine, text  # noqa: F401 (you will need it)

TOKEN_LIFETIME = 30 * 60  # seconds from the moment the token is issued
MIN_PASSWORD_LENGTH = 10
RESET_REQUESTED = "If an account uses that address, we have sent it a link to reset its password."
INVALID_TOKEN = "This reset link is invalid or has expired. Ask for a new one."


class InvalidTokenError(Exception):
    """The token is unknown, expired, used, or replaced by a newer one."""


def token_digest(token: str) -> str:
    """What is stored instead of the token, so a leaked table gives nobody a working link."""
    raise NotImplementedError


def request_reset(engine: Engine, email: str, send: Callable[[str, str], None]) -> str:
    """Issue a token for the account with this email and send it there; the same answer whether or not it exists."""
    raise NotImplementedError


def reset_password(engine: Engine, token: str, new_password: str) -> None:
    """Set a new password with a token from request_reset; each token works once, before it expires."""
    raise NotImplementedError


def change_password(engine: Engine, user_id: int, new_password: str) -> None:
    """A signed-in user's new password; every reset link sent before stops working."""
    raise NotImplementedError
