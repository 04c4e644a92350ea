"""The bookmarks API as it runs in production today, written with Flask-RESTful. (Given: read it, do not edit it.)

Clients depend on every detail of what it answers: its status codes, its bodies (`null` for a missing note),
its error shape (`400 {"message": {"field": "what is wrong"}}`). Your port must answer the same.
"""

# Flask-RESTful ships no type information.
# mypy: allow-untyped-decorators, allow-subclassing-any, allow-untyped-calls

from __future__ import annotations

from typing import Any

from bookmark_store import Bookmark, BookmarkStore
from flask import Flask, current_app
from flask_restful import Api, Resource, abort, fields, marshal_with, reqparse


def _address(value: Any) -> str:
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise ValueError("not an http(s) address")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("not a non-empty string")
    return value


def _note(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("not a string")
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("not a JSON boolean")
    return value


def _flag_in_query(value: str) -> bool:
    if value not in ("true", "false"):
        raise ValueError("not true or false")
    return value == "true"


BOOKMARK_FIELDS = {
    "id": fields.Integer,
    "url": fields.String,
    "title": fields.String,
    "starred": fields.Boolean,
    "note": fields.String,  # a row without a note gives "note": null
}

# bundle_errors: report every bad argument at once. reqparse ignores arguments it does not know.
bookmark_parser = reqparse.RequestParser(bundle_errors=True)
bookmark_parser.add_argument(
    "url", type=_address, required=True, nullable=False, location="json", help="url must be an http(s) address"
)
bookmark_parser.add_argument(
    "title", type=_text, required=True, nullable=False, location="json", help="title must not be empty"
)
bookmark_parser.add_argument(
    "starred", type=_flag, default=False, nullable=False, location="json", help="starred must be true or false"
)
bookmark_parser.add_argument("note", type=_note, location="json", help="note must be a string or null")

list_parser = reqparse.RequestParser(bundle_errors=True)
list_parser.add_argument("starred", type=_flag_in_query, location="args", help="starred must be true or false")


def _store() -> BookmarkStore:
    store: BookmarkStore = current_app.extensions["bookmarks"]
    return store


def _bookmark_or_404(bookmark_id: int) -> Bookmark:
    bookmark = _store().rows.get(bookmark_id)
    if bookmark is None:
        abort(404, message=f"bookmark {bookmark_id} not found")
    return bookmark


class BookmarkList(Resource):
    @marshal_with(BOOKMARK_FIELDS)
    def get(self) -> list[Bookmark]:
        args = list_parser.parse_args()
        rows = [row for _, row in sorted(_store().rows.items())]
        if args["starred"] is not None:
            rows = [row for row in rows if row["starred"] is args["starred"]]
        return rows

    @marshal_with(BOOKMARK_FIELDS)
    def post(self) -> tuple[Bookmark, int, dict[str, str]]:
        bookmark = _store().add(dict(bookmark_parser.parse_args()))
        return bookmark, 201, {"Location": f"/bookmarks/{bookmark['id']}"}


class BookmarkItem(Resource):
    @marshal_with(BOOKMARK_FIELDS)
    def get(self, bookmark_id: int) -> Bookmark:
        return _bookmark_or_404(bookmark_id)

    @marshal_with(BOOKMARK_FIELDS)
    def put(self, bookmark_id: int) -> Bookmark:
        _bookmark_or_404(bookmark_id)
        return _store().replace(bookmark_id, dict(bookmark_parser.parse_args()))

    def delete(self, bookmark_id: int) -> tuple[str, int]:
        _bookmark_or_404(bookmark_id)
        del _store().rows[bookmark_id]
        return "", 204


def create_app() -> Flask:
    """The production app: Flask-RESTful resources on their URLs, JSON errors for every URL."""
    app = Flask(__name__)
    app.extensions["bookmarks"] = BookmarkStore()
    api = Api(app, catch_all_404s=True)
    api.add_resource(BookmarkList, "/bookmarks")
    api.add_resource(BookmarkItem, "/bookmarks/<int:bookmark_id>")
    return app
