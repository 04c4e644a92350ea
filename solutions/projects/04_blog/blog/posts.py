"""Posts: the paginated index, a tag's posts, a post with its comments, and writing, editing and deleting."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import Select, select

from blog.auth import login_required
from blog.content import check_author, get_post, retry_on_conflict, tags_named, unique_slug
from blog.extensions import db
from blog.forms import CommentForm, PostForm
from blog.markup import parse_tags
from blog.models import Comment, Post, Tag

bp = Blueprint("posts", __name__)
MAX_PAGE = 10**9  # far past any real last page, and small enough for the database's OFFSET (a BIGINT)


def _page_of(statement: Select[Post], title: str) -> ResponseReturnValue:
    """Render one page (`?page=N`, from 1) of the posts `statement` selects, newest first.

    404 for a page that is not an integer from 1 to MAX_PAGE; `db.paginate` answers 404 for a
    page past the last one (page 1 of nothing is an empty page, not a 404).
    """
    try:
        page = int(request.args.get("page", "1"))
    except ValueError:
        abort(404)
    if page > MAX_PAGE:
        abort(404)
    newest_first = statement.order_by(Post.created_at.desc(), Post.id.desc())
    pagination = db.paginate(newest_first, page=page, per_page=current_app.config["POSTS_PER_PAGE"])
    return render_template("posts/index.html", pagination=pagination, posts=pagination.items, title=title)


@bp.route("/")
def index() -> ResponseReturnValue:
    """Every post, newest first, a page at a time."""
    return _page_of(select(Post), "Latest posts")


@bp.route("/tags/<name>")
def tagged(name: str) -> ResponseReturnValue:
    """The posts with one tag."""
    return _page_of(select(Post).where(Post.tags.any(Tag.name == name.lower())), f"Posts tagged {name.lower()}")


@bp.route("/posts/<slug>")
def detail(slug: str) -> ResponseReturnValue:
    """One post, its body rendered from Markdown, its comments, and a comment form for a logged-in user."""
    return render_template("posts/detail.html", post=get_post(slug), form=CommentForm())


@bp.route("/create", methods=["GET", "POST"])
@login_required
@retry_on_conflict
def create() -> ResponseReturnValue:
    """Write a new post."""
    form = PostForm()
    if form.validate_on_submit():
        title = form.title.data or ""
        post = Post(
            title=title,
            slug=unique_slug(title),
            description=form.description.data or "",
            body=form.body.data or "",
            author=g.user,
            tags=tags_named(parse_tags(form.tags.data or "")),
        )
        db.session.add(post)
        db.session.commit()
        flash("Post published.", "success")
        return redirect(url_for("posts.detail", slug=post.slug))
    return render_template("posts/edit.html", form=form, post=None), 422 if form.errors else 200


@bp.route("/posts/<slug>/edit", methods=["GET", "POST"])
@login_required
@retry_on_conflict
def update(slug: str) -> ResponseReturnValue:
    """Edit your own post (anyone else's: 403). A new title gives the post a new slug."""
    post = get_post(slug)
    check_author(post, g.user)
    # `data`, not `obj=post`: a field missing from the POST falls back to these, and tags must be text
    current = {
        "title": post.title,
        "description": post.description,
        "body": post.body,
        "tags": ", ".join(post.tag_names),
    }
    form = PostForm(data=current)
    if form.validate_on_submit():
        title = form.title.data or ""
        if title != post.title:
            post.slug = unique_slug(title, post)
        post.title = title
        post.description = form.description.data or ""
        post.body = form.body.data or ""
        post.tags = tags_named(parse_tags(form.tags.data or ""))
        db.session.commit()
        flash("Post updated.", "success")
        return redirect(url_for("posts.detail", slug=post.slug))
    return render_template("posts/edit.html", form=form, post=post), 422 if form.errors else 200


@bp.route("/posts/<slug>/delete", methods=["POST"])
@login_required
def delete(slug: str) -> ResponseReturnValue:
    """Delete your own post and its comments (anyone else's: 403)."""
    post = get_post(slug)
    check_author(post, g.user)
    db.session.delete(post)
    db.session.commit()
    flash("Post deleted.", "info")
    return redirect(url_for("index"))


@bp.route("/posts/<slug>/comments", methods=["POST"])
@login_required
def comment(slug: str) -> ResponseReturnValue:
    """Add a comment to a post."""
    post = get_post(slug)
    form = CommentForm()
    if form.validate_on_submit():
        db.session.add(Comment(body=form.body.data or "", post=post, author=g.user))
        db.session.commit()
        flash("Comment added.", "success")
        return redirect(url_for("posts.detail", slug=post.slug, _anchor="comments"))
    return render_template("posts/detail.html", post=post, form=form), 422
