"""How Alembic reaches the database: through the Flask app's engine and its models' metadata."""

from __future__ import annotations

from alembic import context
from flask import current_app
from flask_sqlalchemy import SQLAlchemy


def _database() -> SQLAlchemy:
    database: SQLAlchemy = current_app.extensions["migrate"].db
    return database


def run_migrations_offline() -> None:
    """Write the SQL to stdout (`flask db upgrade --sql`) instead of running it."""
    context.configure(
        url=_database().engine.url.render_as_string(hide_password=False),
        target_metadata=_database().metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations on a connection of the app's engine."""
    with _database().engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=_database().metadata,
            render_as_batch=connection.dialect.name == "sqlite",  # SQLite can only ALTER by copying the table
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
