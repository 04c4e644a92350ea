"""Shared fixtures for the database katas: a clean database for every test.

Every test that asks for `db_url` or `engine` runs twice:

- `sqlite`: a fresh SQLite file in the test's temporary folder. Always runs.
- `postgresql`: a fresh schema in the PostgreSQL database named by `DATABASE_URL`
  (libpq form, e.g. `postgresql://postgres@127.0.0.1:5432/test`), created for the
  test and dropped after it. The URL handed to the test sets `search_path` to that
  schema, so the kata's code sees an empty database of its own and several pytest
  processes can share one server safely. Skipped when `DATABASE_URL` is unset;
  when `CI` is set, an unset variable or an unreachable server FAILS the test.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn
from urllib.parse import quote

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Engine, create_engine

BACKENDS = ["sqlite", "postgresql"]


def _postgres_unavailable(reason: str) -> NoReturn:
    """Skip the PostgreSQL variant, or fail it when CI requires PostgreSQL to run."""
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so the PostgreSQL variant must run: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL variant skipped: {reason}")


@pytest.fixture
def postgres_schema_url() -> Iterator[str]:
    """A libpq URL whose `search_path` is a brand-new schema, dropped after the test."""
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith(("postgresql://", "postgres://")):
        _postgres_unavailable(
            "DATABASE_URL is not set to a postgresql:// URL (e.g. postgresql://postgres@127.0.0.1:5432/test)"
        )
    schema = f"kata_{uuid.uuid4().hex}"
    try:
        admin = psycopg.connect(server, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        _postgres_unavailable(f"cannot connect to DATABASE_URL: {error}")
    with admin:
        admin.execute("SET lock_timeout = '5s'")  # a connection the test leaked open must not hang the drop
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        separator = "&" if "?" in server else "?"
        try:
            yield f"{server}{separator}options={quote(f'-csearch_path={schema}')}"
        finally:
            admin.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database: `sqlite:///<tmp>/kata.db` or a `postgresql://` URL (see module docstring)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'kata.db'}"
    url: str = request.getfixturevalue("postgres_schema_url")
    return url


def sqlalchemy_url(url: str) -> str:
    """Turn a libpq `postgresql://` URL into SQLAlchemy's `postgresql+psycopg://` form; other URLs pass through."""
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url.removeprefix(scheme)
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A SQLAlchemy engine on the empty database of `db_url`, disposed after the test."""
    engine = create_engine(sqlalchemy_url(db_url))
    try:
        yield engine
    finally:
        engine.dispose()
