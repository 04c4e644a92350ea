"""Initial schema: users, posts, comments, tags, and the follows, favorites and post_tags link tables.

Revision ID: 0001
Revises: (none)

Milestone 1: don't type this by hand. Finish the models, delete this file, and let Alembic
compare the models with an empty database and write it for you (run from projects/04_blog):

    flask --app blog db migrate -m "initial schema" --rev-id 0001

Then read what it wrote: autogenerate is a draft, not an oracle.
"""

from __future__ import annotations

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create every table the models declare."""
    raise NotImplementedError("upgrade: generate me with `flask --app blog db migrate` (milestone 1)")


def downgrade() -> None:
    """Drop them again, in reverse order."""
    raise NotImplementedError("downgrade: generate me with `flask --app blog db migrate` (milestone 1)")
