"""Engines: which database, and how to talk to it safely. Given to you; read it before milestone 4.

- `DATABASE_URL` is in libpq form (`postgresql://user@host:5432/db`), the form `psql` and every
  PostgreSQL tool understands. SQLAlchemy wants to know the driver too, so `sqlalchemy_url` turns it
  into `postgresql+psycopg://...` (psycopg 3). Unset means a SQLite file.
- SQLite needs two switches on every new connection: `PRAGMA foreign_keys = ON` (off by default!)
  and `BEGIN IMMEDIATE` instead of Python's deferred `BEGIN`, so that a transaction takes SQLite's
  single write lock when it starts. Without it, two transactions that both read and then write
  deadlock, and SQLite answers one of them "database is locked" at once instead of letting it wait.
  (Write-ahead logging, `journal_mode = WAL`, lets readers outside a transaction read while
  another connection writes, and with `synchronous = NORMAL` a commit does not wait for the disk.)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine, create_engine, event

DEFAULT_URL = "sqlite:///inventory.db"
SQLITE_BUSY_TIMEOUT_S = 10


def sqlalchemy_url(url: str) -> str:
    """`postgresql://...` (or `postgres://...`) becomes `postgresql+psycopg://...`; other URLs pass through."""
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url.removeprefix(scheme)
    return url


def database_url(environ: Mapping[str, str] | None = None) -> str:
    """`DATABASE_URL` from the environment (or `environ`), else the SQLite file `inventory.db`."""
    env = os.environ if environ is None else environ
    return env.get("DATABASE_URL") or DEFAULT_URL


def make_engine(url: str) -> Engine:
    """An engine for `url` (libpq or SQLAlchemy form); SQLite connections get the two switches above."""
    url = sqlalchemy_url(url)
    if not url.startswith("sqlite"):
        return create_engine(url)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy, not the sqlite3 module, emit BEGIN
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        dbapi_connection.execute("PRAGMA journal_mode = WAL")  # readers never block the writer
        dbapi_connection.execute("PRAGMA synchronous = NORMAL")  # safe with WAL, and no fsync per commit

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
