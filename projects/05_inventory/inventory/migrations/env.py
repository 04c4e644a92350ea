"""How Alembic reaches the database. Given to you; nothing to change.

From Python (`inventory.migrate`, the tests, the CLI's `db upgrade`) the caller hands over an
open connection in `config.attributes["connection"]`. From the `alembic` command line
(`alembic -c inventory/migrations/alembic.ini ...`) it connects to `DATABASE_URL`, else SQLite.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from inventory.db import database_url, make_engine
from inventory.models import Base


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite ALTERs by copying the table
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    if context.is_offline_mode():
        raise RuntimeError("offline (--sql) mode is not supported: run the migrations on a database")
    given = context.config.attributes.get("connection")
    if isinstance(given, Connection):
        run_on(given)
        return
    engine = make_engine(database_url())
    try:
        with engine.begin() as connection:
            run_on(connection)
    finally:
        engine.dispose()


run()
