"""Shared fixtures for the database katas: a clean database for every test.

Every test that asks for `db_url` or `engine` runs twice:

- `sqlite`: a fresh SQLite file in the test's temporary folder. Always runs.
- `postgresql`: a fresh schema in the PostgreSQL database named by `DATABASE_URL`
  (libpq form, e.g. `postgresql://postgres@127.0.0.1:5432/test`), created for the
  test and dropped after it. The URL handed to the test sets `search_path` to that
  schema, so the kata's code sees an empty database of its own and several pytest
  processes can share one server safely. Skipped when `DATABASE_URL` is unset;
  when `CI` is set, an unset variable or an unreachable server FAILS the test.

The PostgreSQL schema comes from the workspace's `postgres_schema_url` fixture (kata.fixtures),
which a test may also ask for directly.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine

from kata.fixtures import sqlalchemy_url

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database: `sqlite:///<tmp>/kata.db` or a `postgresql://` URL (see module docstring)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'kata.db'}"
    url: str = request.getfixturevalue("postgres_schema_url")
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A SQLAlchemy engine on the empty database of `db_url`, disposed after the test."""
    engine = create_engine(sqlalchemy_url(db_url))
    try:
        yield engine
    finally:
        engine.dispose()
