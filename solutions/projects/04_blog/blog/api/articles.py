"""API articles (the blog's posts): list, feed, read, write, favourite, comment, and the tag list."""

from __future__ import annotations

from typing import Any

from flask import g, jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from blog.api.core import (
    InvalidRequestError,
    body_of,
    bp,
    checked_text,
    fail,
    query_int,
    text_field,
    timestamp,
    token_optional,
    token_required,
)
from blog.api.users import profile_json
from blog.content import check_author, count, get_post, retry_on_conflict, tags_named, unique_slug
from blog.extensions import db
from blog.markup import parse_tags
from blog.models import MAX_ID, Comment, Post, Tag, User, favorites, follows

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 10**9
# What article_json reads, loaded for a whole page in one statement each instead of two per article
ARTICLE_PARTS = (
    selectinload(Post.tags),
    selectinload(Post.favorited_by),
    selectinload(Post.author).selectinload(User.followers),
)


def article_json(post: Post, viewer: User | None) -> dict[str, Any]:
    """The `article` object of `post` as `viewer` sees it."""
    return {
        "slug": post.slug,
        "title": post.title,
        "description": post.description,
        "body": post.body,
        "tagList": post.tag_names,
        "createdAt": timestamp(post.created_at),
        "updatedAt": timestamp(post.updated_at),
        "favorited": viewer is not None and viewer in post.favorited_by,
        "favoritesCount": len(post.favorited_by),
        "author": profile_json(post.author, viewer),
    }


def comment_json(comment: Comment, viewer: User | None) -> dict[str, Any]:
    """The `comment` object."""
    return {
        "id": comment.id,
        "createdAt": timestamp(comment.created_at),
        "updatedAt": timestamp(comment.updated_at),
        "body": comment.body,
        "author": profile_json(comment.author, viewer),
    }


def _many(statement: Select[Post], viewer: User | None) -> ResponseReturnValue:
    """One page (`limit`, `offset`) of the posts `statement` selects, newest first, with the total count."""
    limit = query_int("limit", DEFAULT_LIMIT, low=1, high=MAX_LIMIT)
    offset = query_int("offset", 0, low=0, high=MAX_OFFSET)  # pragma: no mutate (an offset of None is 0)
    newest_first = statement.order_by(Post.created_at.desc(), Post.id.desc())
    page = db.session.scalars(newest_first.options(*ARTICLE_PARTS).limit(limit).offset(offset))
    return jsonify(articles=[article_json(post, viewer) for post in page], articlesCount=count(statement))


def _tag_list(data: dict[str, Any]) -> list[str] | None:
    tags = data.get("tagList")
    if tags is None:
        return None
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise InvalidRequestError("tagList must be a list of strings")
    return parse_tags(",".join(checked_text("tagList", tag) for tag in tags))


@bp.get("/articles")
@token_optional
def list_articles() -> ResponseReturnValue:
    """Every article, newest first, filtered by `tag`, `author` and `favorited` (a username)."""
    statement = select(Post)
    if tag := request.args.get("tag"):
        statement = statement.where(Post.tags.any(Tag.name == tag.lower()))
    if author := request.args.get("author"):
        statement = statement.where(Post.author.has(User.username == author))
    if favorited := request.args.get("favorited"):
        fans = select(favorites.c.post_id).join(User, User.id == favorites.c.user_id).where(User.username == favorited)
        statement = statement.where(Post.id.in_(fans))
    return _many(statement, g.api_user)


@bp.get("/articles/feed")
@token_required
def feed() -> ResponseReturnValue:
    """Articles by the people you follow, newest first."""
    followed = select(follows.c.followed_id).where(follows.c.follower_id == g.api_user.id)
    return _many(select(Post).where(Post.author_id.in_(followed)), g.api_user)


@bp.post("/articles")
@token_required
@retry_on_conflict
def create_article() -> ResponseReturnValue:
    """Write an article: 201 with it; 422 when title, description or body is blank."""
    data = body_of("article")
    title = text_field(data, "title", required=True, max_length=200) or ""
    post = Post(
        title=title,
        slug=unique_slug(title),
        description=text_field(data, "description", required=True, max_length=300) or "",
        body=text_field(data, "body", required=True) or "",
        author=g.api_user,
        tags=tags_named(_tag_list(data) or []),
    )
    db.session.add(post)
    db.session.commit()
    return jsonify(article=article_json(post, g.api_user)), 201


@bp.get("/articles/<slug>")
@token_optional
def get_article(slug: str) -> ResponseReturnValue:
    """One article."""
    return jsonify(article=article_json(get_post(slug), g.api_user))


@bp.put("/articles/<slug>")
@token_required
@retry_on_conflict
def update_article(slug: str) -> ResponseReturnValue:
    """Change your own article's title (and so its slug), description, body or tagList; 403 for others'."""
    post = get_post(slug)
    check_author(post, g.api_user)
    data = body_of("article")
    if (title := text_field(data, "title", required=False, max_length=200)) is not None:
        if title != post.title:
            post.slug = unique_slug(title, post)
        post.title = title
    if (description := text_field(data, "description", required=False, max_length=300)) is not None:
        post.description = description
    if (body := text_field(data, "body", required=False)) is not None:
        post.body = body
    if (tags := _tag_list(data)) is not None:
        post.tags = tags_named(tags)
    db.session.commit()
    return jsonify(article=article_json(post, g.api_user))


@bp.delete("/articles/<slug>")
@token_required
def delete_article(slug: str) -> ResponseReturnValue:
    """Delete your own article with its comments; 403 for others'."""
    post = get_post(slug)
    check_author(post, g.api_user)
    db.session.delete(post)
    db.session.commit()
    return "", 200


@bp.post("/articles/<slug>/favorite")
@token_required
@retry_on_conflict
def favorite(slug: str) -> ResponseReturnValue:
    """Favourite an article (twice counts once)."""
    post = get_post(slug)
    if g.api_user not in post.favorited_by:
        post.favorited_by.append(g.api_user)
        db.session.commit()
    return jsonify(article=article_json(post, g.api_user))


@bp.delete("/articles/<slug>/favorite")
@token_required
def unfavorite(slug: str) -> ResponseReturnValue:
    """Take back a favourite."""
    post = get_post(slug)
    if g.api_user in post.favorited_by:
        post.favorited_by.remove(g.api_user)
        db.session.commit()
    return jsonify(article=article_json(post, g.api_user))


@bp.get("/articles/<slug>/comments")
@token_optional
def list_comments(slug: str) -> ResponseReturnValue:
    """An article's comments, oldest first."""
    oldest_first = select(Comment).where(Comment.post_id == get_post(slug).id).order_by(Comment.created_at, Comment.id)
    comments = db.session.scalars(oldest_first.options(selectinload(Comment.author).selectinload(User.followers)))
    return jsonify(comments=[comment_json(comment, g.api_user) for comment in comments])


@bp.post("/articles/<slug>/comments")
@token_required
def add_comment(slug: str) -> ResponseReturnValue:
    """Comment on an article."""
    post = get_post(slug)
    comment = Comment(body=text_field(body_of("comment"), "body", required=True, max_length=2000), post=post)
    comment.author = g.api_user
    db.session.add(comment)
    db.session.commit()
    return jsonify(comment=comment_json(comment, g.api_user))


@bp.delete("/articles/<slug>/comments/<int:comment_id>")
@token_required
def delete_comment(slug: str, comment_id: int) -> ResponseReturnValue:
    """Delete your own comment; 403 for others', 404 when it is not under this article."""
    post = get_post(slug)
    comment = db.session.get(Comment, comment_id) if comment_id <= MAX_ID else None
    if comment is None or comment.post_id != post.id:
        fail(404, f"comment {comment_id} not found")
    if comment.author_id != g.api_user.id:
        fail(403, "only its author can delete a comment")
    db.session.delete(comment)
    db.session.commit()
    return "", 200


@bp.get("/tags")
def tags() -> ResponseReturnValue:
    """Every tag in use, in alphabetical order."""
    names = db.session.scalars(select(Tag.name).where(Tag.posts.any()).order_by(Tag.name))
    return jsonify(tags=list(names))
