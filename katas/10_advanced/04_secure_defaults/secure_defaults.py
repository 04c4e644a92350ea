"""Security best practices, one small function each: the defaults a backend should never ship without."""

from __future__ import annotations

import re
import sqlite3
import time
from collections import defaultdict, deque
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from argon2 import PasswordHasher

_HASHER = PasswordHasher()
_USERNAME = re.compile(r"[a-z0-9_]{3,30}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
MIN_SECRET_LENGTH = 32
MIN_DISTINCT_CHARACTERS = 8
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
}


def find_user(connection: sqlite3.Connection, username: str) -> tuple[int, str] | None:
    """(id, username) of the user with exactly this username, or None. The value travels as a parameter."""
    raise NotImplementedError("find_user: write me (task 1)")


def hash_password(password: str) -> str:
    """A salted, slow argon2id hash of `password`, safe to store."""
    raise NotImplementedError("hash_password: write me (task 2)")


def verify_password(stored_hash: str, password: str) -> bool:
    """Whether `password` matches `stored_hash`; False (never an exception) for a wrong password or a broken hash."""
    raise NotImplementedError("verify_password: write me (task 2)")


def check_api_key(provided: str, expected: str) -> bool:
    """Compare keys in constant time, so response timing does not leak how many leading characters were right."""
    raise NotImplementedError("check_api_key: write me (task 3)")


def load_secret_key(environ: Mapping[str, str]) -> str:
    """SECRET_KEY from the environment. RuntimeError if it is unset, or too weak: shorter than 32 characters, or
    fewer than 8 different characters (a placeholder such as "changeme" repeated)."""
    raise NotImplementedError("load_secret_key: write me (task 4)")


@dataclass(frozen=True)
class Signup:
    username: str
    email: str
    age: int


def validate_signup(data: Mapping[str, Any]) -> Signup:
    """A Signup from untrusted input; ValueError naming every problem. Unknown fields are refused (no mass assignment)."""
    raise NotImplementedError("validate_signup: write me (task 5)")


def add_security_headers(headers: MutableMapping[str, str]) -> None:
    """Set the standard security headers on a response, keeping any the handler set on purpose."""
    raise NotImplementedError("add_security_headers: write me (task 6)")


@dataclass
class RateLimiter:
    """At most `limit` requests per `window` seconds for each key (sliding window)."""

    limit: int
    window: float
    clock: Callable[[], float] = time.monotonic
    _hits: defaultdict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque), repr=False)

    def allow(self, key: str) -> bool:
        """Record a request for `key` and say whether it is within the limit. Refused requests are not counted."""
        raise NotImplementedError("RateLimiter.allow: write me (task 7)")
