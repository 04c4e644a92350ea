"""Settings: defaults, then the environment, then the test's overrides; checked before the app starts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

MIN_SECRET_BYTES = 32  # HS256 wants a key at least as long as its 256-bit hash (RFC 7518, 3.2)

DEFAULTS: dict[str, Any] = {
    "API_TITLE": "Shop API",
    "API_VERSION": "1.0.0",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "docs",
    "OPENAPI_SWAGGER_UI_URL": "https://cdn.jsdelivr.net/npm/swagger-ui-dist/",
    "JWT_ACCESS_TOKEN_EXPIRES": timedelta(minutes=15),
    "JWT_REFRESH_TOKEN_EXPIRES": timedelta(days=14),
    "PASSWORD_HASH_PROFILE": "RFC_9106_LOW_MEMORY",
    "LOGIN_ATTEMPTS": 5,
    "LOGIN_WINDOW_SECONDS": 60.0,
    "MAX_CONTENT_LENGTH": 1024 * 1024,  # a bigger request body is a 413 before anything reads it
}


def sqlalchemy_url(url: str) -> str:
    """Milestone 1: a libpq `postgresql://` (or `postgres://`) URL in SQLAlchemy's `postgresql+psycopg://` form.

    Any other URL (SQLite, or one already naming its driver) is returned unchanged.
    """
    raise NotImplementedError("sqlalchemy_url: write me (milestone 1)")


def load_settings(
    test_config: Mapping[str, Any] | None, environ: Mapping[str, str], default_database: str
) -> dict[str, Any]:
    """Milestone 1: DEFAULTS, then `DATABASE_URL` and `JWT_SECRET_KEY` from `environ`, then `test_config`.

    `DATABASE_URL` falls back to `default_database` and always comes out in SQLAlchemy form.
    A JWT secret shorter than 32 bytes (or none) raises ValueError: the app must not start with it.
    """
    raise NotImplementedError("load_settings: write me (milestone 1)")
