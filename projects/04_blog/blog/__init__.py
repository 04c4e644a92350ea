"""The blog: a Flask application factory with blueprints for accounts, posts and a RealWorld JSON API."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

__all__ = ["MIN_SECRET_KEY_BYTES", "create_app", "sqlalchemy_url"]

MIN_SECRET_KEY_BYTES = 32  # HS256 tokens need a key at least as long as the hash (RFC 7518 §3.2)
NO_SECRET_KEY = (
    "SECRET_KEY is not set: it signs sessions and API tokens, so anyone who knows a default can forge them. "
    "Set it first: export SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))')"
)
MAX_BODY_BYTES = 1024 * 1024  # a request body over 1 MiB is refused (413) before it is read
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def sqlalchemy_url(url: str) -> str:
    """Turn a libpq URL (`postgresql://` or `postgres://`) into SQLAlchemy's `postgresql+psycopg://`.

    Any other URL (`sqlite:///...`, or one that already names its driver) is returned unchanged.
    """
    raise NotImplementedError("sqlalchemy_url: write me (milestone 1)")


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create and configure the blog app.

    Settings come from, in order: the defaults here, the environment (`SECRET_KEY`,
    `DATABASE_URL`), then `test_config`, which wins over everything.

    1. `app = Flask(__name__)`; defaults: SQLALCHEMY_DATABASE_URI="sqlite:///blog.sqlite",
       POSTS_PER_PAGE=5, API_TOKEN_HOURS=336, PASSWORD_HASH_PROFILE="RFC_9106_LOW_MEMORY",
       MAX_CONTENT_LENGTH=MAX_BODY_BYTES. No default SECRET_KEY.
    2. Environment, then `test_config`. No SECRET_KEY: ValueError(NO_SECRET_KEY), except in testing,
       which gets a random one (`secrets.token_hex`). A SECRET_KEY under MIN_SECRET_KEY_BYTES: ValueError.
    3. Import `api`, `auth`, `models`, `posts` and `extensions` here (not at the top: the
       blueprints import from `blog`); `db.init_app`, `migrate.init_app(app, db, directory=...)`,
       `csrf.init_app`; register the three blueprints; exempt the API from CSRF.
    4. `app.before_request(refuse_nul_characters)` (milestone 6), `app.add_url_rule("/", endpoint="index")`,
       the `markdown` template filter (milestone 3).
    """
    raise NotImplementedError("create_app: write me (milestone 1)")


def refuse_nul_characters() -> None:
    """400 for a NUL character in the path, the query string or a form: PostgreSQL text cannot hold one."""
    raise NotImplementedError("refuse_nul_characters: write me (milestone 6)")
