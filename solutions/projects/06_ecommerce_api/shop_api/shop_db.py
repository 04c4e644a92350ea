"""The database: an engine per app, one session per request, and the lookups every resource needs. (Given.)"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn, TypeVar

from flask import Flask, current_app, g
from flask_smorest import abort as _abort  # type: ignore[import-untyped]
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.pool import StaticPool

CREATE_TABLES_LOCK = 6_060_606  # the PostgreSQL advisory lock held while the tables are created
MAX_ID = 2**31 - 1  # ids are 32-bit integers: a bigger one names nothing (and would overflow the driver)

T = TypeVar("T", bound="Base")

# Raises the HTTP error; `message=` and `errors=` go into the JSON body, `headers=` onto the response.
abort: Callable[..., NoReturn] = _abort


class Base(DeclarativeBase):
    """The declarative base of every model."""


@dataclass(frozen=True)
class Database:
    """An app's engine and the session factory bound to it."""

    engine: Engine
    sessions: sessionmaker[Session]


def _enable_sqlite_foreign_keys(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for a SQLAlchemy URL; `sqlite://` is one in-memory database shared by every session."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    options: dict[str, Any] = {}
    if url in ("sqlite://", "sqlite:///:memory:"):
        options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(url, **options)
    event.listen(engine, "connect", _enable_sqlite_foreign_keys)
    return engine


def init_db(app: Flask, url: str) -> Database:
    """Create the engine and the tables, and close each request's session when the request ends."""
    engine = make_engine(url)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Several server processes start at once: one creates the tables, the others wait, then find them.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CREATE_TABLES_LOCK})
        Base.metadata.create_all(connection)
    database = Database(engine, sessionmaker(engine, expire_on_commit=False))
    app.extensions["shop_db"] = database

    @app.teardown_appcontext
    def close_session(_error: BaseException | None) -> None:
        session: Session | None = g.pop("shop_session", None)
        if session is not None:
            session.close()  # rolls back whatever was not committed

    return database


def db() -> Session:
    """The session of the current request (or app context), opened on first use."""
    if "shop_session" not in g:
        database: Database = current_app.extensions["shop_db"]
        g.shop_session = database.sessions()
    session: Session = g.shop_session
    return session


def get_or_404(model: type[T], ident: int, what: str) -> T:
    """The row of `model` with primary key `ident`, or a 404 naming `what`."""
    row = db().get(model, ident) if 0 < ident <= MAX_ID else None
    if row is None:
        abort(404, message=f"{what} {ident} not found")
    return row
