"""Token authentication: argon2 password hashes, short-lived JWTs, and 401 when the caller is unknown."""

from __future__ import annotations

from datetime import datetime, timedelta

import jwt  # noqa: F401 (you will need it)
from argon2 import PasswordHasher
from flask import Blueprint, Response, abort, current_app, jsonify, request  # noqa: F401 (you will need them)
from token_authentication_given import unauthorized  # noqa: F401 (you will need it)

ALGORITHM = "HS256"

WRONG_LOGIN = "wrong username or password"
MISSING_TOKEN = "send Authorization: Bearer <token>"
INVALID_TOKEN = "the token is invalid or has expired"
INVALID_TOKEN_CHALLENGE = 'Bearer error="invalid_token"'  # RFC 6750 section 3.1

auth = Blueprint("auth", __name__)


def hash_password(password: str, hasher: PasswordHasher) -> str:
    """Task 1: an argon2id hash of the password (salted, so never the same twice)."""
    raise NotImplementedError("hash_password: write me (task 1)")


def verify_password(stored_hash: str, password: str, hasher: PasswordHasher) -> bool:
    """Task 1: True when the password matches the hash; False for a wrong password or a broken hash."""
    raise NotImplementedError("verify_password: write me (task 1)")


def issue_token(subject: str, secret: str, ttl: timedelta, now: datetime | None = None) -> str:
    """Task 2: an HS256 JWT with `sub`, `iat` and `exp` (= now + ttl)."""
    raise NotImplementedError("issue_token: write me (task 2)")


def read_token(token: str, secret: str) -> str:
    """Task 2: the subject of a valid token; jwt.InvalidTokenError (or a subclass) for anything else."""
    raise NotImplementedError("read_token: write me (task 2)")


def current_username() -> str:
    """Task 3: the user named by `Authorization: Bearer <token>`, or a 401 with `WWW-Authenticate: Bearer`."""
    raise NotImplementedError("current_username: write me (task 3)")


@auth.post("/login")
def login() -> Response:
    """Task 3: a token for the right username and password; 401 with the same message for anything else."""
    raise NotImplementedError("login: write me (task 3)")
