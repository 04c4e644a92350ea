"""The blog: a Flask application factory with blueprints for accounts, posts and a RealWorld JSON API."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from blog.markup import render_markdown

__all__ = ["MIN_SECRET_KEY_BYTES", "create_app", "sqlalchemy_url"]

MIN_SECRET_KEY_BYTES = 32  # HS256 tokens need a key at least as long as the hash (RFC 7518 §3.2)
DEV_SECRET_KEY = "dev-only-secret-key-change-me-in-production"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def sqlalchemy_url(url: str) -> str:
    """Turn a libpq URL (`postgresql://` or `postgres://`) into SQLAlchemy's `postgresql+psycopg://`.

    Any other URL (`sqlite:///...`, or one that already names its driver) is returned unchanged.
    """
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url.removeprefix(scheme)
    return url


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create and configure the blog app.

    Settings come from, in order: the defaults here, the environment (`SECRET_KEY`,
    `DATABASE_URL`), then `test_config`, which wins over everything.
    """
    app = Flask(__name__)
    app.config.from_mapping(
        SECRET_KEY=DEV_SECRET_KEY,
        SQLALCHEMY_DATABASE_URI="sqlite:///blog.sqlite",  # relative: Flask-SQLAlchemy puts it in app.instance_path
        POSTS_PER_PAGE=5,
        API_TOKEN_HOURS=24 * 14,
        PASSWORD_HASH_PROFILE="RFC_9106_LOW_MEMORY",
    )
    if secret := os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret
    if database_url := os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = sqlalchemy_url(database_url)
    if test_config is not None:
        app.config.from_mapping(test_config)
    if len(str(app.config["SECRET_KEY"]).encode()) < MIN_SECRET_KEY_BYTES:
        raise ValueError(f"SECRET_KEY must be at least {MIN_SECRET_KEY_BYTES} bytes long")

    from blog import api, auth, models, posts  # noqa: F401 - models: the tables must be known before create_all
    from blog.extensions import csrf, db, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS))
    csrf.init_app(app)

    app.register_blueprint(auth.bp)
    app.register_blueprint(posts.bp)
    app.register_blueprint(api.bp)
    csrf.exempt(api.bp)  # the API authenticates with a token header, not a cookie, so CSRF cannot reach it
    app.add_url_rule("/", endpoint="index")
    app.add_template_filter(render_markdown, "markdown")
    return app
