"""Token authentication: argon2 password hashes, short-lived JWTs, and 401 when the caller is unknown."""

from __future__ import annotations

from datetime import datetime, timedelta

import jwt  # noqa: F401 (you will need it)
from argon2 import PasswordHasher
from flask import Blueprint, Flask, Response, abort, current_app, jsonify, request

ALGORITHM = "HS256"
MIN_SECRET_BYTES = 32
DEFAULT_TTL = timedelta(minutes=15)

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


def unauthorized(message: str, challenge: str = "Bearer") -> Response:
    """A 401 response with a JSON body and a `WWW-Authenticate` challenge. (Given.)"""
    response = jsonify(error=message)
    response.status_code = 401
    response.headers["WWW-Authenticate"] = challenge
    return response


def current_username() -> str:
    """Task 3: the user named by `Authorization: Bearer <token>`, or a 401 with `WWW-Authenticate: Bearer`."""
    raise NotImplementedError("current_username: write me (task 3)")


@auth.post("/register")
def register() -> tuple[Response, int]:
    """Create a user from {"username", "password"}. (Given.)"""
    body = request.get_json(silent=True) or {}
    username, password = body.get("username"), body.get("password")
    if not isinstance(username, str) or not username or not isinstance(password, str) or len(password) < 8:
        abort(400, "send a username and a password of 8 characters or more")
    users: dict[str, str] = current_app.extensions["users"]
    if username in users:
        abort(409, f"{username} is taken")
    users[username] = hash_password(password, current_app.extensions["hasher"])
    return jsonify(username=username), 201


@auth.post("/login")
def login() -> Response:
    """Task 3: a token for the right username and password; 401 with the same message for anything else."""
    raise NotImplementedError("login: write me (task 3)")


@auth.get("/me")
def me() -> Response:
    """Who am I? Needs a valid token. (Given.)"""
    return jsonify(username=current_username())


def create_app(secret: str, hasher: PasswordHasher | None = None, token_ttl: timedelta = DEFAULT_TTL) -> Flask:
    """The app. `secret` signs the tokens and must be at least 32 bytes. (Given.)"""
    if len(secret.encode()) < MIN_SECRET_BYTES:
        raise ValueError(f"the JWT secret must be at least {MIN_SECRET_BYTES} bytes")
    app = Flask(__name__)
    app.config.update(JWT_SECRET=secret, TOKEN_TTL=token_ttl)
    app.extensions["users"] = {}
    app.extensions["hasher"] = hasher or PasswordHasher()
    app.register_blueprint(auth)
    return app
