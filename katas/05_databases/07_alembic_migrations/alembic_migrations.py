"""Alembic migrations run from Python: upgrade, downgrade and inspect a database's schema version."""

from pathlib import Path

from sqlalchemy import Engine

MIGRATIONS = Path(__file__).parent / "notes_migrations"


def head_revision() -> str:
    """Return the newest revision in MIGRATIONS (the head)."""
    raise NotImplementedError("head_revision: write me (task 3)")


def current_revision(engine: Engine) -> str | None:
    """Return the revision the database is at, or None if it was never migrated."""
    raise NotImplementedError("current_revision: write me (task 3)")


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database up to `revision`, in one committed transaction."""
    raise NotImplementedError("upgrade: write me (task 3)")


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate the database down to `revision` ("base" undoes everything), in one committed transaction."""
    raise NotImplementedError("downgrade: write me (task 3)")
