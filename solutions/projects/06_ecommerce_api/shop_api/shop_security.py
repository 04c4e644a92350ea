"""Passwords, tokens, roles and throttling: who is calling, and what they may do.

Yours to write (milestone 2). Given, in their own modules: `make_hasher` and `current_user()` in
`shop_identity.py`, the `protected` decorator in `shop_guards.py`.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, Response, current_app
from flask_jwt_extended import JWTManager

from shop_api.shop_db import MAX_ID, abort, db
from shop_api.shop_errors import error_response
from shop_api.shop_identity import current_user
from shop_api.shop_models import ADMIN, User


def hash_password(password: str) -> str:
    """Milestone 2: an argon2id hash of `password` with the app's hasher (`app.extensions["shop_hasher"]`)."""
    hasher: PasswordHasher = current_app.extensions["shop_hasher"]
    return hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Milestone 2: does `password` match the hash? False (never an exception) for a wrong password or a broken hash."""
    hasher: PasswordHasher = current_app.extensions["shop_hasher"]
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


class LoginThrottle:
    """Milestone 2: at most `attempts` logins per key in any `window` seconds (a sliding window).

    It lives in the memory of one process (see the README: a server with four workers allows four
    times as many), guarded by a lock for the threads of that process, and it forgets every key
    whose attempts have all left the window, so a flood of made-up emails cannot fill the memory.
    """

    def __init__(self, attempts: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._attempts = attempts
        self._window = window
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}  # key -> its allowed attempts; keys by latest attempt, oldest first
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """How many keys it remembers. (Given.)"""
        return len(self._seen)

    def hit(self, key: str) -> float | None:
        """Count an attempt; None if it is allowed, else the seconds until the next one will be."""
        now = self._clock()
        start = now - self._window
        with self._lock:
            self._forget_before(start)
            seen = self._seen.setdefault(key, deque())
            while seen and seen[0] <= start:
                seen.popleft()
            if len(seen) >= self._attempts:
                return seen[0] + self._window - now
            seen.append(now)
            self._seen[key] = self._seen.pop(key)  # to the end: the keys stay in the order of their latest attempt
            return None

    def _forget_before(self, start: float) -> None:
        """Drop the keys whose latest attempt is not after `start`: they are at the front of the dict."""
        while self._seen:
            key, seen = next(iter(self._seen.items()))
            if seen and seen[-1] > start:
                return
            del self._seen[key]


def _unauthorized(message: str) -> Response:
    return error_response(401, message, {"WWW-Authenticate": "Bearer"})


def init_jwt(app: Flask) -> JWTManager:
    """Milestone 2: flask-jwt-extended with the user loaded from the token's `sub`, and every failure a JSON 401."""
    jwt = JWTManager(app)

    @jwt.token_verification_loader
    def expires(_header: dict[str, Any], claims: dict[str, Any]) -> bool:
        return "exp" in claims  # a token without an expiry would be good for ever

    @jwt.token_verification_failed_loader
    def never_expires(_header: dict[str, Any], _claims: dict[str, Any]) -> Response:
        return _unauthorized("invalid token: it has no expiry (exp)")

    @jwt.user_lookup_loader
    def load_user(_header: dict[str, Any], claims: dict[str, Any]) -> User | None:
        sub = str(claims["sub"])
        if not (sub.isascii() and sub.isdigit() and 0 < int(sub) <= MAX_ID):
            return None  # not a user id: the same 401 as a deleted user
        return db().get(User, int(sub))

    @jwt.user_lookup_error_loader
    def user_gone(_header: dict[str, Any], _claims: dict[str, Any]) -> Response:
        return _unauthorized("the user of this token no longer exists")

    @jwt.unauthorized_loader
    def missing(_reason: str) -> Response:
        return _unauthorized("send Authorization: Bearer <access token>")

    @jwt.invalid_token_loader
    def invalid(reason: str) -> Response:
        return _unauthorized(f"invalid token: {reason}")

    @jwt.expired_token_loader
    def expired(_header: dict[str, Any], _claims: dict[str, Any]) -> Response:
        return _unauthorized("the token has expired: refresh it or log in again")

    return jwt


def is_admin(user: User) -> bool:
    """Milestone 2: does `user` have the admin role?"""
    return user.role == ADMIN


def ensure_visible(owner_id: int, what: str, ident: int) -> None:
    """Milestone 2: a 404 ("<what> <ident> not found") unless the caller is `owner_id` or an admin.

    A 404, not a 403: telling a customer "forbidden" would confirm that someone else's order exists.
    """
    me = current_user()
    if owner_id != me.id and not is_admin(me):
        abort(404, message=f"{what} {ident} not found")


def ensure_admin() -> None:
    """Milestone 2: a 403 unless the caller is an admin."""
    if not is_admin(current_user()):
        abort(403, message="only an admin may do this")
