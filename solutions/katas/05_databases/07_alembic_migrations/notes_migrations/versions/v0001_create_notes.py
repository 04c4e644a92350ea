"""Create the notes table.

Revision ID: 0001
Revises: (none: the first migration)
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None


def upgrade() -> None:
    """Create notes(id, title, body) as the README describes."""
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text, nullable=False, server_default=""),
    )


def downgrade() -> None:
    """Undo upgrade(): drop the notes table."""
    op.drop_table("notes")
