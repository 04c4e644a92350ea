"""Password hashing with Argon2id (argon2-cffi): never store or compare plain passwords."""

from __future__ import annotations

from argon2 import PasswordHasher


def _hasher() -> PasswordHasher:
    """The hasher for the current app: RFC 9106's low-memory profile, or the cheapest one named in test config."""
    raise NotImplementedError("_hasher: write me (milestone 2)")


def hash_password(password: str) -> str:
    """Return a salted Argon2id hash of `password` (a self-describing `$argon2id$...` string)."""
    raise NotImplementedError("hash_password: write me (milestone 2)")


def verify_password(password_hash: str, password: str) -> bool:
    """True when `password` matches `password_hash`; False for a wrong password or a malformed hash."""
    raise NotImplementedError("verify_password: write me (milestone 2)")
