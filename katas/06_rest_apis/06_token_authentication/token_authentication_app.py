"""Given, not to edit: the app, with POST /register and GET /me, wired to your code in token_authentication.py."""

from __future__ import annotations

from datetime import timedelta

from argon2 import PasswordHasher
from flask import Flask, Response, abort, current_app, jsonify, request
from token_authentication import auth, current_username, hash_password

MIN_SECRET_BYTES = 32
DEFAULT_TTL = timedelta(minutes=15)


@auth.post("/register")
def register() -> tuple[Response, int]:
    """Create a user from {"username", "password"}."""
    body = request.get_json(silent=True) or {}
    username, password = body.get("username"), body.get("password")
    if not isinstance(username, str) or not username or not isinstance(password, str) or len(password) < 8:
        abort(400, "send a username and a password of 8 characters or more")
    users: dict[str, str] = current_app.extensions["users"]
    if username in users:
        abort(409, f"{username} is taken")
    users[username] = hash_password(password, current_app.extensions["hasher"])
    return jsonify(username=username), 201


@auth.get("/me")
def me() -> Response:
    """Who am I? Needs a valid token."""
    return jsonify(username=current_username())


def create_app(secret: str, hasher: PasswordHasher | None = None, token_ttl: timedelta = DEFAULT_TTL) -> Flask:
    """The app. `secret` signs the tokens and must be at least 32 bytes."""
    if len(secret.encode()) < MIN_SECRET_BYTES:
        raise ValueError(f"the JWT secret must be at least {MIN_SECRET_BYTES} bytes")
    app = Flask(__name__)
    app.config.update(JWT_SECRET=secret, TOKEN_TTL=token_ttl)
    app.extensions["users"] = {}
    app.extensions["hasher"] = hasher or PasswordHasher()
    app.register_blueprint(auth)
    return app
