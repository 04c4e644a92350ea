"""Posts: the paginated index, a tag's posts, a post with its comments, and writing, editing and deleting."""

from __future__ import annotations

from flask import Blueprint
from flask.typing import ResponseReturnValue
from sqlalchemy import Select

from blog.auth import login_required
from blog.models import Post

bp = Blueprint("posts", __name__)
MAX_PAGE = 10**9  # far past any real last page, and small enough for the database's OFFSET (a BIGINT)


def _page_of(statement: Select[Post], title: str) -> ResponseReturnValue:
    """Render one page (`?page=N`, from 1 to MAX_PAGE) of the posts `statement` selects, newest first; 404 past the end."""
    raise NotImplementedError("_page_of: write me (milestone 3)")


@bp.route("/")
def index() -> ResponseReturnValue:
    """Every post, newest first, a page at a time."""
    raise NotImplementedError("index: write me (milestone 3)")


@bp.route("/tags/<name>")
def tagged(name: str) -> ResponseReturnValue:
    """The posts with one tag."""
    raise NotImplementedError("tagged: write me (milestone 3)")


@bp.route("/posts/<slug>")
def detail(slug: str) -> ResponseReturnValue:
    """One post, its body rendered from Markdown, its comments, and a comment form for a logged-in user."""
    raise NotImplementedError("detail: write me (milestone 3)")


@bp.route("/create", methods=["GET", "POST"])
@login_required
def create() -> ResponseReturnValue:
    """Write a new post."""
    raise NotImplementedError("create: write me (milestone 3)")


@bp.route("/posts/<slug>/edit", methods=["GET", "POST"])
@login_required
def update(slug: str) -> ResponseReturnValue:
    """Edit your own post (anyone else's: 403). A new title gives the post a new slug."""
    raise NotImplementedError("update: write me (milestone 3)")


@bp.route("/posts/<slug>/delete", methods=["POST"])
@login_required
def delete(slug: str) -> ResponseReturnValue:
    """Delete your own post and its comments (anyone else's: 403)."""
    raise NotImplementedError("delete: write me (milestone 3)")


@bp.route("/posts/<slug>/comments", methods=["POST"])
@login_required
def comment(slug: str) -> ResponseReturnValue:
    """Add a comment to a post."""
    raise NotImplementedError("comment: write me (milestone 3)")
