"""Add notes.pinned (from the old "!" title convention) and an index on notes.title.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"

# A lightweight table for the data steps: a migration must not import the app's models,
# which keep changing after the migration was written.
notes = sa.table("notes", sa.column("title", sa.String), sa.column("pinned", sa.Boolean))


def upgrade() -> None:
    """Add pinned (false by default), pin and un-"!" the "!" titles, index title."""
    op.add_column("notes", sa.Column("pinned", sa.Boolean, nullable=False, server_default=sa.false()))
    op.execute(
        notes.update().where(notes.c.title.startswith("!")).values(pinned=True, title=sa.func.substr(notes.c.title, 2))
    )
    op.create_index("ix_notes_title", "notes", ["title"])


def downgrade() -> None:
    """Undo upgrade(): put the "!" back on pinned titles, drop the index and the column."""
    op.drop_index("ix_notes_title", table_name="notes")
    op.execute(notes.update().where(notes.c.pinned.is_(sa.true())).values(title="!" + notes.c.title))
    with op.batch_alter_table("notes") as batch:  # SQLite: copy-and-move; PostgreSQL: a plain ALTER TABLE
        batch.drop_column("pinned")
