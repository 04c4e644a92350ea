"""Given, not to edit: the accounts the password reset works on (tables, users, password hashing)."""

from __future__ import annotations

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, text

SCHEMA = (
    """CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL
    )""",
    """CREATE TABLE reset_tokens (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users (id),
        token_hash TEXT NOT NULL UNIQUE,
        expires_at REAL NOT NULL,
        used_at REAL
    )""",
)
# The cheapest argon2 settings keep the tests fast; a real service keeps PasswordHasher()'s defaults.
_HASHER = PasswordHasher.from_parameters(profiles.CHEAPEST)


def create_schema(engine: Engine) -> None:
    """Create the tables `users` and `reset_tokens`."""
    with engine.begin() as conn:
        for statement in SCHEMA:
            conn.execute(text(statement))


def normalise_email(email: str) -> str:
    """The form emails are stored and looked up in: no surrounding spaces, lower-case."""
    return email.strip().lower()


def hash_password(password: str) -> str:
    """A salted, slow argon2id hash of password."""
    return _HASHER.hash(password)


def add_user(engine: Engine, email: str, password: str) -> int:
    """Create a user and return its id."""
    with engine.begin() as conn:
        return int(
            conn.execute(
                text("INSERT INTO users (email, password_hash) VALUES (:email, :hash) RETURNING id"),
                {"email": normalise_email(email), "hash": hash_password(password)},
            ).scalar_one()
        )


def check_login(engine: Engine, email: str, password: str) -> bool:
    """Whether password is the current password of the user with this email."""
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT password_hash FROM users WHERE email = :email"), {"email": normalise_email(email)}
        ).scalar_one_or_none()
    if stored is None:
        return False
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
