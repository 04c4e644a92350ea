"""Security best practices, one small function each: the defaults a backend should never ship without."""

from __future__ import annotations

import hmac
import re
import sqlite3
import time
from collections import defaultdict, deque
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

FIND_USER_SQL = "SELECT id, username FROM users WHERE username = ?"
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
    row = connection.execute(FIND_USER_SQL, (username,)).fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def hash_password(password: str) -> str:
    """A salted, slow argon2id hash of `password`, safe to store."""
    return _HASHER.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """Whether `password` matches `stored_hash`; False (never an exception) for a wrong password or a broken hash."""
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_api_key(provided: str, expected: str) -> bool:
    """Compare keys in constant time, so response timing does not leak how many leading characters were right."""
    return hmac.compare_digest(provided.encode(), expected.encode())


def load_secret_key(environ: Mapping[str, str]) -> str:
    """SECRET_KEY from the environment. RuntimeError if it is unset, or too weak: shorter than 32 characters, or
    fewer than 8 different characters (a placeholder such as "changeme" repeated)."""
    key = environ.get("SECRET_KEY")
    if not key:
        raise RuntimeError(
            "SECRET_KEY is not set: generate one with `python -c 'import secrets; print(secrets.token_hex(32))'`"
        )
    if len(key) < MIN_SECRET_LENGTH or len(set(key)) < MIN_DISTINCT_CHARACTERS:
        raise RuntimeError("SECRET_KEY is too weak: use at least 32 random characters")
    return key


@dataclass(frozen=True)
class Signup:
    username: str
    email: str
    age: int


def validate_signup(data: Mapping[str, Any]) -> Signup:
    """A Signup from untrusted input; ValueError naming every problem. Unknown fields are refused (no mass assignment)."""
    problems = []
    extra = sorted(set(data) - {"username", "email", "age"})
    if extra:
        problems.append(f"unexpected fields: {', '.join(extra)}")
    username, email, age = data.get("username"), data.get("email"), data.get("age")
    if not isinstance(username, str) or not _USERNAME.fullmatch(username):
        problems.append("username: 3-30 lower-case letters, digits or _")
    if not isinstance(email, str) or len(email) > 254 or not _EMAIL.fullmatch(email):
        problems.append("email: not a valid address")
    if not isinstance(age, int) or isinstance(age, bool) or not 13 <= age <= 130:
        problems.append("age: a whole number from 13 to 130")
    if problems:
        raise ValueError("; ".join(problems))
    return Signup(username=str(username), email=str(email).lower(), age=int(str(age)))


def add_security_headers(headers: MutableMapping[str, str]) -> None:
    """Set the standard security headers on a response, keeping any the handler set on purpose."""
    for name, value in SECURITY_HEADERS.items():
        headers.setdefault(name, value)


@dataclass
class RateLimiter:
    """At most `limit` requests per `window` seconds for each key (sliding window)."""

    limit: int
    window: float
    clock: Callable[[], float] = time.monotonic
    _hits: defaultdict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque), repr=False)

    def allow(self, key: str) -> bool:
        """Record a request for `key` and say whether it is within the limit. Refused requests are not counted."""
        now = self.clock()
        hits = self._hits[key]
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            return False
        hits.append(now)
        return True
