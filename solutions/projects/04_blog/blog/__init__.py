"""The blog: a Flask application factory with blueprints for accounts, posts and a RealWorld JSON API."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, abort, request

from blog.markup import render_markdown

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
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url.removeprefix(scheme)
    return url


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create and configure the blog app.

    Settings come from, in order: the defaults here, the environment (`SECRET_KEY`,
    `DATABASE_URL`), then `test_config`, which wins over everything. There is no default
    SECRET_KEY: without one the app refuses to start, except in testing, which gets a random one.
    """
    app = Flask(__name__)
    app.config.from_mapping(
        SQLALCHEMY_DATABASE_URI="sqlite:///blog.sqlite",  # relative: Flask-SQLAlchemy puts it in app.instance_path
        POSTS_PER_PAGE=5,
        API_TOKEN_HOURS=24 * 14,
        PASSWORD_HASH_PROFILE="RFC_9106_LOW_MEMORY",
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES,
    )
    if secret := os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret
    if database_url := os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = sqlalchemy_url(database_url)
    if test_config is not None:
        app.config.from_mapping(test_config)
    if not app.config["SECRET_KEY"]:
        if not app.testing:
            raise ValueError(NO_SECRET_KEY)
        app.config["SECRET_KEY"] = secrets.token_hex(MIN_SECRET_KEY_BYTES)  # a throwaway key for this test app
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
    app.before_request(refuse_nul_characters)
    app.add_url_rule("/", endpoint="index")
    app.add_template_filter(render_markdown, "markdown")
    return app


def refuse_nul_characters() -> None:
    """400 for a NUL character in the path, the query string or a form: PostgreSQL text cannot hold one."""
    texts = [request.path]
    for fields in (request.args, request.form):
        texts += [text for pair in fields.items(multi=True) for text in pair]  # every value of a repeated name
    if any("\x00" in text for text in texts):
        abort(400, "NUL characters are not allowed in URLs or forms.")
