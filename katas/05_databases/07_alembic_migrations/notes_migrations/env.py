"""Alembic's environment for the notes migrations: run them on the connection the caller hands over.

Given to you; nothing to change. The caller puts an open SQLAlchemy connection in
`config.attributes["connection"]` (see Alembic's cookbook, "Sharing a Connection
across one or more programmatic migration commands").
"""

from alembic import context
from sqlalchemy import Connection

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("run these migrations from Python with config.attributes['connection'] set to a Connection")
if context.is_offline_mode():
    raise RuntimeError("offline (--sql) mode is not supported by this kata")

# render_as_batch: SQLite cannot ALTER most things in place, so batch operations copy the table.
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
