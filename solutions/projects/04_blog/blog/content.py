"""Rules about posts that the web pages and the API share: unique slugs, tags, and finding a post."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

from flask import abort
from flask.typing import ResponseReturnValue
from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import Conflict

from blog.extensions import db
from blog.markup import slugify
from blog.models import Post, Tag, User

P = ParamSpec("P")
CONFLICT_ATTEMPTS = 3
CONFLICT = "Someone else changed this at the same moment. Please try again."


def unique_slug(title: str, post: Post | None = None) -> str:
    """The slug of `title`, with `-2`, `-3`, ... added when another post already has it."""
    base = slugify(title)
    taken = set(db.session.scalars(select(Post.slug).where((Post.slug == base) | Post.slug.startswith(f"{base}-"))))
    if post is not None:
        taken.discard(post.slug)
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def tags_named(names: list[str]) -> list[Tag]:
    """The `Tag` rows for `names`, creating the missing ones."""
    if not names:
        return []
    existing = {tag.name: tag for tag in db.session.scalars(select(Tag).where(Tag.name.in_(names)))}
    return [existing.get(name) or Tag(name=name) for name in names]


def get_post(slug: str) -> Post:
    """The post with `slug`, or a 404."""
    post: Post | None = db.session.scalar(select(Post).where(Post.slug == slug))
    if post is None:
        abort(404, f"No post called {slug!r}.")
    return post


def check_author(post: Post, user: User | None) -> None:
    """403 unless `user` wrote `post`."""
    if user is None or post.author_id != user.id:
        abort(403, "Only the author can change this post.")


def count(statement: Select[Post]) -> int:
    """How many rows `statement` (a select of posts) would return."""
    return db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery())) or 0


def retry_on_conflict(view: Callable[P, ResponseReturnValue]) -> Callable[P, ResponseReturnValue]:
    """Roll back and run `view` again when its commit broke a unique constraint; 409 after CONFLICT_ATTEMPTS tries.

    Two requests that ask "is this username (slug, favourite) free?" at the same moment both hear yes;
    the database's unique constraint lets only one of them commit. The other runs again, and this time
    its check sees the row that won: a taken username is a 422, a taken slug gets the next number,
    a favourite that is already there counts once.
    """

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> ResponseReturnValue:
        for _ in range(CONFLICT_ATTEMPTS):
            try:
                return view(*args, **kwargs)
            except IntegrityError:
                db.session.rollback()
        raise Conflict(CONFLICT)

    return wrapped
