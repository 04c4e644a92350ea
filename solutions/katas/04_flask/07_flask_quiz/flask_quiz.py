"""Flask quiz: a bookmarks app with a JSON API and a page, built from everything topic 4 taught."""

from typing import Any

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response as BaseResponse


class Base(DeclarativeBase):
    """The declarative base of this app's models."""


db = SQLAlchemy(model_class=Base)
MAX_TITLE = 200


class Bookmark(Base):
    __tablename__ = "bookmarks"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    title: Mapped[str] = mapped_column(String(MAX_TITLE))


def bookmark_json(bookmark: Bookmark) -> dict[str, Any]:
    """{"id": 1, "url": "https://...", "title": "..."}"""
    return {"id": bookmark.id, "url": bookmark.url, "title": bookmark.title}


api = Blueprint("api", __name__, url_prefix="/api")


@api.post("/bookmarks")
def create_bookmark() -> Any:
    """Save {"url", "title"}: 201 with Location; 400 for bad input; 409 for a url already saved."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "send a JSON object")
    url, title = data.get("url"), data.get("title")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        abort(400, "url must start with http:// or https://")
    title = title.strip() if isinstance(title, str) else ""
    if not 1 <= len(title) <= MAX_TITLE:
        abort(400, f"title must be 1 to {MAX_TITLE} characters")
    bookmark = Bookmark(url=url, title=title)
    db.session.add(bookmark)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        abort(409, "that url is already saved")
    return bookmark_json(bookmark), 201, {"Location": url_for("api.get_bookmark", bookmark_id=bookmark.id)}


@api.get("/bookmarks/<int:bookmark_id>")
def get_bookmark(bookmark_id: int) -> Any:
    """One bookmark, or a JSON 404."""
    return bookmark_json(db.get_or_404(Bookmark, bookmark_id))


@api.delete("/bookmarks/<int:bookmark_id>")
def delete_bookmark(bookmark_id: int) -> Any:
    """Delete: 204, or a JSON 404."""
    db.session.delete(db.get_or_404(Bookmark, bookmark_id))
    db.session.commit()
    return "", 204


def api_error(error: HTTPException) -> HTTPException | BaseResponse:
    """Errors under /api/ as JSON {"error": "Not Found", "message": ...}, with the error's status and headers;
    any other error is returned as it is, so Flask draws its own page."""
    if not request.path.startswith("/api/"):
        return error
    response = error.get_response()
    response.set_data(current_app.json.dumps({"error": error.name, "message": error.description}))
    response.content_type = "application/json"
    return response


def index() -> str:
    """The page: every bookmark, newest first."""
    bookmarks = db.session.scalars(db.select(Bookmark).order_by(Bookmark.id.desc()))
    return render_template("index.html", bookmarks=list(bookmarks))
