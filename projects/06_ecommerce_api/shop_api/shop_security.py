"""Passwords, tokens, roles and throttling: who is calling, and what they may do.

Yours to write (milestone 2). Given, in their own modules: `make_hasher` and `current_user()` in
`shop_identity.py`, the `protected` decorator in `shop_guards.py`.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from flask import Flask
from flask_jwt_extended import JWTManager

from shop_api.shop_identity import current_user  # noqa: F401  # you will need it
from shop_api.shop_models import User


def hash_password(password: str) -> str:
    """Milestone 2: an argon2id hash of `password` with the app's hasher (`app.extensions["shop_hasher"]`)."""
    raise NotImplementedError("hash_password: write me (milestone 2)")


def verify_password(password_hash: str, password: str) -> bool:
    """Milestone 2: does `password` match the hash? False (never an exception) for a wrong password or a broken hash."""
    raise NotImplementedError("verify_password: write me (milestone 2)")


class LoginThrottle:
    """Milestone 2: at most `attempts` logins per key in any `window` seconds (a sliding window).

    It lives in the memory of one process (the README says why), and forgets every key whose attempts
    have all left the window, so a flood of made-up emails cannot fill the memory.
    """

    def __init__(self, attempts: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._attempts = attempts
        self._window = window
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}  # key -> the times of its allowed attempts
        self._lock = threading.Lock()  # hold it while you read and change _seen: the server's threads share it

    def __len__(self) -> int:
        """How many keys it remembers. (Given.)"""
        return len(self._seen)

    def hit(self, key: str) -> float | None:
        """Count an attempt; None if it is allowed, else the seconds until the next one will be."""
        raise NotImplementedError("LoginThrottle.hit: write me (milestone 2)")


def init_jwt(app: Flask) -> JWTManager:
    """Milestone 2: flask-jwt-extended with the user loaded from the token's `sub`, and every failure a JSON 401.

    As given, tokens are issued and checked, but no user is loaded (so `current_user()` fails) and a
    bad or missing token gets flask-jwt-extended's own `{"msg": ...}` body instead of the API's shape.
    """
    return JWTManager(app)


def is_admin(user: User) -> bool:
    """Milestone 2: does `user` have the admin role?"""
    raise NotImplementedError("is_admin: write me (milestone 2)")


def ensure_visible(owner_id: int, what: str, ident: int) -> None:
    """Milestone 2: a 404 ("<what> <ident> not found") unless the caller is `owner_id` or an admin.

    A 404, not a 403: telling a customer "forbidden" would confirm that someone else's order exists.
    """
    raise NotImplementedError("ensure_visible: write me (milestone 2)")


def ensure_admin() -> None:
    """Milestone 2: a 403 unless the caller is an admin."""
    raise NotImplementedError("ensure_admin: write me (milestone 2)")
