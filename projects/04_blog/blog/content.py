"""Rules about posts that the web pages and the API share: unique slugs, tags, and finding a post."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

from flask.typing import ResponseReturnValue
from sqlalchemy import Select

from blog.models import Post, Tag, User

P = ParamSpec("P")
CONFLICT_ATTEMPTS = 3
CONFLICT = "Someone else changed this at the same moment. Please try again."


def unique_slug(title: str, post: Post | None = None) -> str:
    """The slug of `title`, with `-2`, `-3`, ... added when another post already has it."""
    raise NotImplementedError("unique_slug: write me (milestone 3)")


def tags_named(names: list[str]) -> list[Tag]:
    """The `Tag` rows for `names`, creating the missing ones."""
    raise NotImplementedError("tags_named: write me (milestone 3)")


def get_post(slug: str) -> Post:
    """The post with `slug`, or a 404."""
    raise NotImplementedError("get_post: write me (milestone 3)")


def check_author(post: Post, user: User | None) -> None:
    """403 unless `user` wrote `post`."""
    raise NotImplementedError("check_author: write me (milestone 3)")


def count(statement: Select[Post]) -> int:
    """How many rows `statement` (a select of posts) would return."""
    raise NotImplementedError("count: write me (milestone 3)")


def retry_on_conflict(view: Callable[P, ResponseReturnValue]) -> Callable[P, ResponseReturnValue]:
    """Roll back and run `view` again when its commit broke a unique constraint; 409 after CONFLICT_ATTEMPTS tries."""

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> ResponseReturnValue:
        raise NotImplementedError("retry_on_conflict: write me (milestone 6)")

    return wrapped
