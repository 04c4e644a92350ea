"""Create the notes table.

Revision ID: 0001
Revises: (none: the first migration)
"""

revision = "0001"
down_revision: str | None = None


def upgrade() -> None:
    """Create notes(id, title, body) as the README describes."""
    raise NotImplementedError("0001 upgrade: write me (task 1)")


def downgrade() -> None:
    """Undo upgrade(): drop the notes table."""
    raise NotImplementedError("0001 downgrade: write me (task 1)")
