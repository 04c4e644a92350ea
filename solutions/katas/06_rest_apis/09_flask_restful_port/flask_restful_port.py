"""The bookmarks API of legacy_api.py, ported from Flask-RESTful to flask-smorest with the same contract."""

# flask-smorest ships no type information, so its decorators and classes are untyped to mypy.
# mypy: allow-untyped-decorators, allow-subclassing-any

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

import marshmallow as ma
from bookmark_store import Bookmark, BookmarkStore
from flask import current_app
from flask.views import MethodView
from flask_smorest import Api, Blueprint  # type: ignore[import-untyped]
from flask_smorest import abort as _abort
from werkzeug.exceptions import HTTPException

abort: Callable[..., NoReturn] = _abort  # abort(404, message=...) raises; the message goes into the JSON body

bookmarks = Blueprint("bookmarks", __name__, description="Bookmarks, ported from legacy_api.py")

API_CONFIG = {"API_TITLE": "Bookmarks", "API_VERSION": "v1", "OPENAPI_VERSION": "3.0.3"}
BAD_REQUEST = 400  # what reqparse answers for bad input, and so what clients expect


PROBLEMS = ("required", "null", "invalid")  # the kinds of error a field reports; `help=` gives one text for all


class JsonBoolean(ma.fields.Boolean):
    """Only JSON true and false, as legacy_api's `_flag`: not "yes", not "true", not 1 (which equals True)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class BookmarkSchema(ma.Schema):
    """Task 1 and 2: a bookmark out (as marshal_with(BOOKMARK_FIELDS) writes it) and in (as bookmark_parser reads it)."""

    class Meta:
        unknown = ma.EXCLUDE  # reqparse ignores arguments it does not know

    id = ma.fields.Int(dump_only=True)
    url = ma.fields.String(
        required=True,
        validate=ma.validate.Regexp("https?://", error="url must be an http(s) address"),
        error_messages=dict.fromkeys(PROBLEMS, "url must be an http(s) address"),
    )
    title = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, error="title must not be empty"),
        error_messages=dict.fromkeys(PROBLEMS, "title must not be empty"),
    )
    starred = JsonBoolean(load_default=False, error_messages=dict.fromkeys(PROBLEMS, "starred must be true or false"))
    note = ma.fields.String(
        allow_none=True, dump_default=None, error_messages=dict.fromkeys(PROBLEMS, "note must be a string or null")
    )


class BookmarkQuerySchema(ma.Schema):
    """Task 2: the query string of GET /bookmarks, as list_parser reads it."""

    starred = ma.fields.Boolean(
        truthy={"true"}, falsy={"false"}, error_messages=dict.fromkeys(PROBLEMS, "starred must be true or false")
    )


def _store() -> BookmarkStore:
    store: BookmarkStore = current_app.extensions["bookmarks"]
    return store


def _bookmark_or_404(bookmark_id: int) -> Bookmark:
    bookmark = _store().rows.get(bookmark_id)
    if bookmark is None:
        abort(404, message=f"bookmark {bookmark_id} not found")
    return bookmark


@bookmarks.route("/bookmarks")
class BookmarkList(MethodView):
    """GET and POST /bookmarks."""

    @bookmarks.arguments(BookmarkQuerySchema, location="query", error_status_code=BAD_REQUEST)
    @bookmarks.response(200, BookmarkSchema(many=True))
    def get(self, query: dict[str, Any]) -> list[Bookmark]:
        """Task 1 and 2: every bookmark in id order, or only those whose `starred` matches `?starred=`."""
        rows = [row for _, row in sorted(_store().rows.items())]
        if "starred" in query:
            rows = [row for row in rows if row["starred"] is query["starred"]]
        return rows

    @bookmarks.arguments(BookmarkSchema, error_status_code=BAD_REQUEST)
    @bookmarks.response(201, BookmarkSchema)
    def post(self, fields: Bookmark) -> tuple[Bookmark, dict[str, str]]:
        """Task 2: store a new bookmark; 201 with a Location header."""
        bookmark = _store().add(fields)
        return bookmark, {"Location": f"/bookmarks/{bookmark['id']}"}


@bookmarks.route("/bookmarks/<int:bookmark_id>")
class BookmarkItem(MethodView):
    """GET, PUT and DELETE /bookmarks/<id>."""

    @bookmarks.response(200, BookmarkSchema)
    def get(self, bookmark_id: int) -> Bookmark:
        """Task 1: one bookmark, or 404."""
        return _bookmark_or_404(bookmark_id)

    @bookmarks.arguments(BookmarkSchema, error_status_code=BAD_REQUEST)
    @bookmarks.response(200, BookmarkSchema)
    def put(self, fields: Bookmark, bookmark_id: int) -> Bookmark:
        """Task 2: replace every field, or 404."""
        _bookmark_or_404(bookmark_id)
        return _store().replace(bookmark_id, fields)

    @bookmarks.response(204)
    def delete(self, bookmark_id: int) -> None:
        """Task 2: delete it; 204 with no body, or 404."""
        _bookmark_or_404(bookmark_id)
        del _store().rows[bookmark_id]


class LegacyErrorSchema(ma.Schema):
    """Task 3: the error body Flask-RESTful clients know: a message, or a message per bad field."""

    message = ma.fields.Raw(required=True)


class LegacyErrorsApi(Api):
    """flask-smorest's Api, answering errors in Flask-RESTful's shape: {"message": ...} and the error's headers."""

    ERROR_SCHEMA = LegacyErrorSchema

    def handle_http_exception(self, error: HTTPException) -> tuple[dict[str, Any], int | None, dict[str, str]]:
        """Task 3: {"message": {field: message}} for bad input, {"message": text} for any other error."""
        data = getattr(error, "data", None) or {}
        message: object
        if "messages" in data:  # webargs' validation errors: {location: {field: [messages]}}
            message = {field: problems[0] for fields in data["messages"].values() for field, problems in fields.items()}
        else:
            message = data.get("message", error.description)
        headers = {name: value for name, value in error.get_headers() if name.lower() != "content-type"}
        return {"message": message}, error.code, headers
