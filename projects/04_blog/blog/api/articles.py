"""API articles (the blog's posts): list, feed, read, write, favourite, comment, and the tag list."""

from __future__ import annotations

from typing import Any

from flask.typing import ResponseReturnValue
from sqlalchemy import Select

from blog.api.core import (
    bp,
    token_optional,
    token_required,
)
from blog.models import Comment, Post, User

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 10**9


def article_json(post: Post, viewer: User | None) -> dict[str, Any]:
    """The `article` object of `post` as `viewer` sees it."""
    raise NotImplementedError("article_json: write me (milestone 5)")


def comment_json(comment: Comment, viewer: User | None) -> dict[str, Any]:
    """The `comment` object."""
    raise NotImplementedError("comment_json: write me (milestone 5)")


def _many(statement: Select[Post], viewer: User | None) -> ResponseReturnValue:
    """One page (`limit`, `offset`) of the posts `statement` selects, newest first, with the total count."""
    raise NotImplementedError("_many: write me (milestone 5)")


def _tag_list(data: dict[str, Any]) -> list[str] | None:
    raise NotImplementedError("_tag_list: write me (milestone 5)")


@bp.get("/articles")
@token_optional
def list_articles() -> ResponseReturnValue:
    """Every article, newest first, filtered by `tag`, `author` and `favorited` (a username)."""
    raise NotImplementedError("list_articles: write me (milestone 5)")


@bp.get("/articles/feed")
@token_required
def feed() -> ResponseReturnValue:
    """Articles by the people you follow, newest first."""
    raise NotImplementedError("feed: write me (milestone 5)")


@bp.post("/articles")
@token_required
def create_article() -> ResponseReturnValue:
    """Write an article: 201 with it; 422 when title, description or body is blank."""
    raise NotImplementedError("create_article: write me (milestone 5)")


@bp.get("/articles/<slug>")
@token_optional
def get_article(slug: str) -> ResponseReturnValue:
    """One article."""
    raise NotImplementedError("get_article: write me (milestone 5)")


@bp.put("/articles/<slug>")
@token_required
def update_article(slug: str) -> ResponseReturnValue:
    """Change your own article's title (and so its slug), description, body or tagList; 403 for others'."""
    raise NotImplementedError("update_article: write me (milestone 5)")


@bp.delete("/articles/<slug>")
@token_required
def delete_article(slug: str) -> ResponseReturnValue:
    """Delete your own article with its comments; 403 for others'."""
    raise NotImplementedError("delete_article: write me (milestone 5)")


@bp.post("/articles/<slug>/favorite")
@token_required
def favorite(slug: str) -> ResponseReturnValue:
    """Favourite an article (twice counts once)."""
    raise NotImplementedError("favorite: write me (milestone 5)")


@bp.delete("/articles/<slug>/favorite")
@token_required
def unfavorite(slug: str) -> ResponseReturnValue:
    """Take back a favourite."""
    raise NotImplementedError("unfavorite: write me (milestone 5)")


@bp.get("/articles/<slug>/comments")
@token_optional
def list_comments(slug: str) -> ResponseReturnValue:
    """An article's comments, oldest first."""
    raise NotImplementedError("list_comments: write me (milestone 5)")


@bp.post("/articles/<slug>/comments")
@token_required
def add_comment(slug: str) -> ResponseReturnValue:
    """Comment on an article."""
    raise NotImplementedError("add_comment: write me (milestone 5)")


@bp.delete("/articles/<slug>/comments/<int:comment_id>")
@token_required
def delete_comment(slug: str, comment_id: int) -> ResponseReturnValue:
    """Delete your own comment; 403 for others', 404 when it is not under this article."""
    raise NotImplementedError("delete_comment: write me (milestone 5)")


@bp.get("/tags")
def tags() -> ResponseReturnValue:
    """Every tag in use, in alphabetical order."""
    raise NotImplementedError("tags: write me (milestone 5)")
