"""The blog's tables as typed SQLAlchemy 2 models: users, posts, comments, tags, follows and favourites.

`User` and the three link tables are written for you, as the example to follow. Finish `Post`,
`Comment` and `Tag` from their docstrings (milestone 1), then generate the first migration.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from blog.extensions import db

MAX_ID = 2**31 - 1  # ids are INTEGER columns: a larger number in a URL or token names no row


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


post_tags = Table(
    "post_tags",
    db.metadata,
    Column("post_id", ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)

follows = Table(
    "follows",
    db.metadata,
    Column("follower_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("followed_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)

favorites = Table(
    "favorites",
    db.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("post_id", ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True),
)


class User(db.Model):  # type: ignore[name-defined,misc]
    """Someone who can log in, write posts and comments, follow others and favourite posts."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    bio: Mapped[str] = mapped_column(Text, default="")
    image: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    # TODO (milestone 1): once Post exists, add
    #   posts: Mapped[list[Post]]      (back_populates="author", cascade="all, delete-orphan")
    #   favorites: Mapped[list[Post]]  (secondary=favorites, back_populates="favorited_by")
    following: Mapped[list[User]] = relationship(
        secondary=follows,
        primaryjoin=lambda: User.id == follows.c.follower_id,
        secondaryjoin=lambda: User.id == follows.c.followed_id,
        back_populates="followers",
    )
    followers: Mapped[list[User]] = relationship(
        secondary=follows,
        primaryjoin=lambda: User.id == follows.c.followed_id,
        secondaryjoin=lambda: User.id == follows.c.follower_id,
        back_populates="following",
    )

    def __repr__(self) -> str:
        return f"<User {self.username!r}>"


class Post(db.Model):  # type: ignore[name-defined,misc]
    """A Markdown post, addressed by its unique slug (the API calls it an article).

    TODO (milestone 1), table "posts": slug (String(255), unique), title (String(200)),
    description (String(300), default ""), body (Text), author_id (FK users.id, ON DELETE CASCADE,
    indexed), created_at (DateTime(timezone=True), default utcnow, indexed), updated_at (the same,
    plus onupdate=utcnow). Relationships: author, comments (oldest first, deleted with the post),
    tags (secondary=post_tags, ordered by name), favorited_by (secondary=favorites).
    A `tag_names` property: the tags' names, sorted.
    """

    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)


class Comment(db.Model):  # type: ignore[name-defined,misc]
    """A comment under a post.

    TODO (milestone 1), table "comments": body (Text), post_id (FK posts.id, ON DELETE CASCADE,
    indexed), author_id (FK users.id, ON DELETE CASCADE), created_at, updated_at.
    Relationships: post (back_populates="comments"), author.
    """

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)


class Tag(db.Model):  # type: ignore[name-defined,misc]
    """A lower-case label shared by many posts.

    TODO (milestone 1), table "tags": name (String(50), unique); posts (secondary=post_tags).
    """

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
