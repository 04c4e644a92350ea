"""Add notes.pinned (from the old "!" title convention) and an index on notes.title.

Revision ID: 0002
Revises: 0001
"""

revision = "0002"
down_revision: str | None = "0001"


def upgrade() -> None:
    """Add pinned (false by default), pin and un-"!" the "!" titles, index title."""
    raise NotImplementedError("0002 upgrade: write me (task 2)")


def downgrade() -> None:
    """Undo upgrade(): put the "!" back on pinned titles, drop the index and the column."""
    raise NotImplementedError("0002 downgrade: write me (task 2)")
