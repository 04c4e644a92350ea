"""The blog in production: the blog's app factory wrapped with the settings a real server needs.

`gunicorn "blog_prod.wsgi:create_app()"` serves it; `flask --app "blog_prod.wsgi:create_app()" db upgrade` migrates.
Everything that differs between deployments comes from the environment (the twelve-factor way):

- `SECRET_KEY` (required, 32+ bytes): signs sessions, CSRF and API tokens. Missing -> `ConfigError`.
- `DATABASE_URL`: the PostgreSQL add-on's URL. Unset -> a SQLite file in the temp folder, with a warning.
- `LOG_LEVEL` (default `INFO`): log records go to stdout, one line each, where the platform collects them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

__all__ = ["ConfigError", "create_app", "production_config"]


class ConfigError(RuntimeError):
    """The environment cannot run the app in production; the message says which variable to set."""


def production_config(environ: Mapping[str, str]) -> dict[str, Any]:
    """The blog's settings for production, read from `environ`; raise `ConfigError` when one is missing.

    Returns the mapping to hand to `blog.create_app`: SECRET_KEY, SQLALCHEMY_DATABASE_URI and the
    cookie and URL settings of README tasks 1 and 2.
    """
    raise NotImplementedError("production_config: write me (milestone 1, tasks 1-2)")


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the blog for production from the environment; `test_config` overrides any setting.

    Wraps `blog.create_app(production_config(os.environ))`, then adds ProxyFix, logging to stdout
    and the /healthz endpoint (README milestone 1, tasks 2-4).
    """
    raise NotImplementedError("create_app: write me (milestone 1)")
