"""REST quiz: a notes API where validation, ownership, ETags and pagination links meet."""

# flask-smorest ships no type information, so its decorators and classes are untyped to mypy.
# mypy: allow-untyped-decorators, allow-subclassing-any

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NoReturn

import marshmallow as ma
from flask import current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint  # type: ignore[import-untyped]
from flask_smorest import abort as _abort

abort: Callable[..., NoReturn] = _abort

MAX_TITLE = 80
DEFAULT_PER_PAGE = 10
MAX_PER_PAGE = 50

notes = Blueprint("notes", __name__, url_prefix="/notes")

Note = dict[str, Any]
Headers = dict[str, str]


class NoteSchema(ma.Schema):
    """Task 1: a note as clients send it and get it back."""

    id = ma.fields.Int(dump_only=True)
    owner = ma.fields.String(dump_only=True)
    title = ma.fields.Raw()  # task 1: the right field types and rules
    shared = ma.fields.Raw()


class PageSchema(ma.Schema):
    """Task 3: the page parameters of the list."""

    page = ma.fields.Raw()  # task 3: the right field types and rules
    per_page = ma.fields.Raw()


def current_user() -> str:
    """The name behind `Authorization: Bearer <token>`, or 401. (Given.)"""
    credentials = request.authorization
    sessions: Mapping[str, str] = current_app.extensions["sessions"]
    token = credentials.token if credentials is not None and credentials.type == "bearer" else None
    if token is None or token not in sessions:
        abort(401, message="log in first")
    return sessions[token]


def _rows() -> dict[int, Note]:
    rows: dict[int, Note] = current_app.extensions["notes"]
    return rows


def can_see(user: str, note: Note) -> bool:
    """Task 2: a note is visible to its owner, and to everyone once shared."""
    raise NotImplementedError("can_see: write me (task 2)")


def visible_note_or_404(note_id: int, user: str) -> Note:
    """Task 2: the note if the user may see it; 404 when it does not exist and when it is hidden."""
    raise NotImplementedError("visible_note_or_404: write me (task 2)")


def etag_for(note: Note) -> str:
    """Task 1: a strong, quoted ETag that changes exactly when the note's JSON changes."""
    raise NotImplementedError("etag_for: write me (task 1)")


def page_links(page: int, per_page: int, total: int) -> str:
    """Task 3: the Link header: first and last always, prev and next when those pages exist."""
    raise NotImplementedError("page_links: write me (task 3)")


@notes.route("/")
class Notes(MethodView):
    @notes.arguments(PageSchema, location="query")
    @notes.response(200, NoteSchema(many=True))
    def get(self, args: Mapping[str, int]) -> tuple[list[Note], Headers]:
        """Task 3: one page of the notes the caller can see, by id, with a Link header."""
        raise NotImplementedError("Notes.get: write me (task 3)")

    @notes.arguments(NoteSchema)
    @notes.response(201, NoteSchema)
    def post(self, fields: Note) -> tuple[Note, Headers]:
        """Task 1: store the caller's new note; 201 with its Location and ETag."""
        raise NotImplementedError("Notes.post: write me (task 1)")


@notes.route("/<int:note_id>")
class NoteById(MethodView):
    @notes.response(200, NoteSchema)
    def get(self, note_id: int) -> tuple[Note, Headers]:
        """Task 2: a note the caller can see, with its ETag."""
        raise NotImplementedError("NoteById.get: write me (task 2)")

    @notes.arguments(NoteSchema)
    @notes.response(200, NoteSchema)
    def put(self, fields: Note, note_id: int) -> tuple[Note, Headers]:
        """Task 2: the owner replaces the note, but only the version named by If-Match."""
        raise NotImplementedError("NoteById.put: write me (task 2)")
