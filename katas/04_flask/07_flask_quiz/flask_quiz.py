"""Flask quiz: a bookmarks app with a JSON API and a page, built from everything topic 4 taught (see README.md)."""

from typing import Any

from flask import Blueprint
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String
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
    raise NotImplementedError("bookmark_json: write me (task 1)")


api = Blueprint("api", __name__, url_prefix="/api")


@api.post("/bookmarks")
def create_bookmark() -> Any:
    """Save {"url", "title"}: 201 with Location; 400 for bad input; 409 for a url already saved."""
    raise NotImplementedError("create_bookmark: write me (task 1)")


@api.get("/bookmarks/<int:bookmark_id>")
def get_bookmark(bookmark_id: int) -> Any:
    """One bookmark, or a JSON 404."""
    raise NotImplementedError("get_bookmark: write me (task 2)")


@api.delete("/bookmarks/<int:bookmark_id>")
def delete_bookmark(bookmark_id: int) -> Any:
    """Delete: 204, or a JSON 404."""
    raise NotImplementedError("delete_bookmark: write me (task 2)")


def api_error(error: HTTPException) -> HTTPException | BaseResponse:
    """Errors under /api/ as JSON {"error": "Not Found", "message": ...}, with the error's status and headers;
    any other error is returned as it is, so Flask draws its own page."""
    raise NotImplementedError("api_error: write me (task 2)")


def index() -> str:
    """The page: every bookmark, newest first."""
    raise NotImplementedError("index: write me (task 3)")
