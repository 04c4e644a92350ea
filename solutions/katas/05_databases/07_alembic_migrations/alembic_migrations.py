"""Alembic migrations run from Python: upgrade, downgrade and inspect a database's schema version."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).parent / "notes_migrations"


def _config() -> Config:
    """An in-memory Alembic config (no alembic.ini) pointing at MIGRATIONS."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """Return the newest revision in MIGRATIONS (the head)."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:
        raise LookupError(f"no migrations in {MIGRATIONS}")
    return head


def current_revision(engine: Engine) -> str | None:
    """Return the revision the database is at, or None if it was never migrated."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database up to `revision`, in one committed transaction."""
    config = _config()
    with engine.begin() as conn:  # env.py runs on this connection; the block commits it
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate the database down to `revision` ("base" undoes everything), in one committed transaction."""
    config = _config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)
