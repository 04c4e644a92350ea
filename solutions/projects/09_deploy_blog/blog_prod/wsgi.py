"""The blog in production: the blog's app factory wrapped with the settings a real server needs.

`gunicorn "blog_prod.wsgi:create_app()"` serves it; `flask --app "blog_prod.wsgi:create_app()" db upgrade` migrates.
Everything that differs between deployments comes from the environment (the twelve-factor way):

- `SECRET_KEY` (required, 32+ bytes): signs sessions, CSRF and API tokens. Missing -> `ConfigError`.
- `DATABASE_URL`: the PostgreSQL add-on's URL. Unset -> a SQLite file in the temp folder, with a warning.
- `LOG_LEVEL` (default `INFO`): log records go to stdout, one line each, where the platform collects them.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from blog import MIN_SECRET_KEY_BYTES, sqlalchemy_url
from blog import create_app as create_blog_app
from blog.extensions import db
from flask import Flask, current_app
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.middleware.proxy_fix import ProxyFix

__all__ = ["ConfigError", "create_app", "production_config"]

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
TRUSTED_PROXY_HOPS = 1  # Heroku's router (or Render's, or Fly's proxy) is the one hop in front of the app


class ConfigError(RuntimeError):
    """The environment cannot run the app in production; the message says which variable to set."""


def sqlite_fallback() -> str:
    """A SQLite URL in the temp folder: fine for a smoke test, lost on every restart of a container."""
    return f"sqlite:///{Path(tempfile.gettempdir()) / 'blog_prod.sqlite'}"


def production_config(environ: Mapping[str, str]) -> dict[str, Any]:
    """The blog's settings for production, read from `environ`; raise `ConfigError` when one is missing."""
    secret = environ.get("SECRET_KEY", "")
    if not secret:
        raise ConfigError(
            "SECRET_KEY is not set. Production needs a long random secret: "
            "`heroku config:set SECRET_KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(48))')`"
        )
    if len(secret.encode()) < MIN_SECRET_KEY_BYTES:
        raise ConfigError(f"SECRET_KEY is too short: use at least {MIN_SECRET_KEY_BYTES} random bytes")
    database = environ.get("DATABASE_URL", "")
    return {
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": sqlalchemy_url(database) if database else sqlite_fallback(),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},  # the database may drop idle connections
        "PREFERRED_URL_SCHEME": "https",
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
    }


def configure_logging(app: Flask, level: str) -> None:
    """Send the app's log records to stdout, one line each (the platform's log router reads stdout)."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    app.logger.handlers = [handler]
    app.logger.setLevel(level.upper())
    app.logger.propagate = False


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the blog for production from the environment; `test_config` overrides any setting."""
    config = production_config(os.environ)
    if test_config is not None:
        config.update(test_config)
    app = create_blog_app(config)
    configure_logging(app, os.environ.get("LOG_LEVEL", "INFO"))
    # Behind one proxy: trust its X-Forwarded-For/-Proto/-Host/-Port, and nothing a client added before it.
    app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
        app.wsgi_app,
        x_for=TRUSTED_PROXY_HOPS,
        x_proto=TRUSTED_PROXY_HOPS,
        x_host=TRUSTED_PROXY_HOPS,
        x_port=TRUSTED_PROXY_HOPS,
    )
    app.add_url_rule("/healthz", endpoint="healthz", view_func=healthz)

    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    app.logger.info("blog_prod ready: database %s", url.render_as_string(hide_password=True))
    if url.get_backend_name() == "sqlite":
        app.logger.warning("DATABASE_URL is not set: using SQLite at %s, which a restart loses", url.database)
    return app


def healthz() -> tuple[dict[str, str], int]:
    """200 when the app can reach its database, 503 otherwise (the orchestrator then stops routing to it)."""
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        current_app.logger.error("health check: the database is unreachable: %s", type(error).__name__)
        return {"status": "unavailable"}, 503
    return {"status": "ok"}, 200
