"""The bookmarks API of legacy_api.py, ported from Flask-RESTful to flask-smorest with the same contract."""

# flask-smorest ships no type information, so its decorators and classes are untyped to mypy.
# mypy: allow-untyped-decorators, allow-subclassing-any

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

import marshmallow as ma
from bookmark_store import Bookmark, BookmarkStore
from flask import current_app
from flask.views import MethodView  # noqa: F401 (you will need it)
from flask_smorest import Api, Blueprint  # type: ignore[import-untyped]
from flask_smorest import abort as _abort
from werkzeug.exceptions import HTTPException

abort: Callable[..., NoReturn] = _abort  # abort(404, message=...) raises; the message goes into the JSON body

bookmarks = Blueprint("bookmarks", __name__, description="Bookmarks, ported from legacy_api.py")

API_CONFIG = {"API_TITLE": "Bookmarks", "API_VERSION": "v1", "OPENAPI_VERSION": "3.0.3"}


class BookmarkSchema(ma.Schema):
    """Task 1 and 2: a bookmark out (as marshal_with(BOOKMARK_FIELDS) writes it) and in (as bookmark_parser reads it)."""

    # Task 1: the fields id, url, title, starred, note. Task 2: the rules bookmark_parser applies.


class BookmarkQuerySchema(ma.Schema):
    """Task 2: the query string of GET /bookmarks, as list_parser reads it."""


def _store() -> BookmarkStore:
    store: BookmarkStore = current_app.extensions["bookmarks"]
    return store


def _bookmark_or_404(bookmark_id: int) -> Bookmark:
    bookmark = _store().rows.get(bookmark_id)
    if bookmark is None:
        abort(404, message=f"bookmark {bookmark_id} not found")
    return bookmark


# Task 1 and 2: write `class BookmarkList(MethodView)` (GET and POST /bookmarks) and
# `class BookmarkItem(MethodView)` (GET, PUT and DELETE /bookmarks/<int:bookmark_id>) on the blueprint.


class LegacyErrorsApi(Api):
    """flask-smorest's Api, answering errors in Flask-RESTful's shape: {"message": ...} and the error's headers."""

    # Task 3: ERROR_SCHEMA, the error body the OpenAPI document describes.

    def handle_http_exception(self, error: HTTPException) -> tuple[dict[str, Any], int | None, dict[str, str]]:
        """Task 3: {"message": {field: message}} for bad input, {"message": text} for any other error."""
        payload: tuple[dict[str, Any], int | None, dict[str, str]] = super().handle_http_exception(error)
        return payload  # flask-smorest's own shape: {"code": ..., "status": ..., "errors": ...}
