"""Rules about posts that the web pages and the API share: unique slugs, tags, and finding a post."""

from __future__ import annotations

from sqlalchemy import Select

from blog.models import Post, Tag, User


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
