"""Token authentication: argon2 password hashes, short-lived JWTs, and 401 when the caller is unknown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Blueprint, Response, abort, current_app, jsonify, request
from token_authentication_given import unauthorized

ALGORITHM = "HS256"

WRONG_LOGIN = "wrong username or password"
MISSING_TOKEN = "send Authorization: Bearer <token>"
INVALID_TOKEN = "the token is invalid or has expired"
INVALID_TOKEN_CHALLENGE = 'Bearer error="invalid_token"'  # RFC 6750 section 3.1

auth = Blueprint("auth", __name__)


def hash_password(password: str, hasher: PasswordHasher) -> str:
    """Task 1: an argon2id hash of the password (salted, so never the same twice)."""
    return hasher.hash(password)


def verify_password(stored_hash: str, password: str, hasher: PasswordHasher) -> bool:
    """Task 1: True when the password matches the hash; False for a wrong password or a broken hash."""
    try:
        return hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def issue_token(subject: str, secret: str, ttl: timedelta, now: datetime | None = None) -> str:
    """Task 2: an HS256 JWT with `sub`, `iat` and `exp` (= now + ttl)."""
    issued = now or datetime.now(UTC)
    claims = {"sub": subject, "iat": issued, "exp": issued + ttl}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def read_token(token: str, secret: str) -> str:
    """Task 2: the subject of a valid token; jwt.InvalidTokenError (or a subclass) for anything else."""
    claims: dict[str, Any] = jwt.decode(
        token, secret, algorithms=[ALGORITHM], options={"require": ["exp", "iat", "sub"]}
    )
    subject: str = claims["sub"]
    return subject


def current_username() -> str:
    """Task 3: the user named by `Authorization: Bearer <token>`, or a 401 with `WWW-Authenticate: Bearer`."""
    credentials = request.authorization
    if credentials is None or credentials.type != "bearer" or not credentials.token:
        abort(unauthorized(MISSING_TOKEN))
    try:
        username = read_token(credentials.token, current_app.config["JWT_SECRET"])
    except jwt.InvalidTokenError:
        abort(unauthorized(INVALID_TOKEN, INVALID_TOKEN_CHALLENGE))
    if username not in current_app.extensions["users"]:  # a good token, but its user is gone
        abort(unauthorized(INVALID_TOKEN, INVALID_TOKEN_CHALLENGE))
    return username


@auth.post("/login")
def login() -> Response:
    """Task 3: a token for the right username and password; 401 with the same message for anything else."""
    body = request.get_json(silent=True) or {}
    username, password = body.get("username"), body.get("password")
    hasher: PasswordHasher = current_app.extensions["hasher"]
    if not isinstance(username, str) or not isinstance(password, str):
        return unauthorized(WRONG_LOGIN)
    stored = current_app.extensions["users"].get(username)
    if stored is None or not verify_password(stored, password, hasher):
        return unauthorized(WRONG_LOGIN)
    ttl: timedelta = current_app.config["TOKEN_TTL"]
    token = issue_token(username, current_app.config["JWT_SECRET"], ttl)
    return jsonify(access_token=token, token_type="Bearer", expires_in=int(ttl.total_seconds()))
