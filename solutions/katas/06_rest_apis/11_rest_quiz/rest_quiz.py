"""REST quiz: a notes API where validation, ownership, ETags and pagination links meet."""

# flask-smorest ships no type information, so its decorators and classes are untyped to mypy.
# mypy: allow-untyped-decorators, allow-subclassing-any

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Mapping
from typing import Any, NoReturn
from urllib.parse import urlencode

import marshmallow as ma
from flask import current_app, request, url_for
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
    title = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=MAX_TITLE))
    shared = ma.fields.Boolean(load_default=False)


class PageSchema(ma.Schema):
    """Task 3: the page parameters of the list."""

    page = ma.fields.Int(load_default=1, validate=ma.validate.Range(min=1))
    per_page = ma.fields.Int(load_default=DEFAULT_PER_PAGE, validate=ma.validate.Range(min=1, max=MAX_PER_PAGE))


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
    return bool(note["owner"] == user or note["shared"])


def visible_note_or_404(note_id: int, user: str) -> Note:
    """Task 2: the note if the user may see it; 404 when it does not exist and when it is hidden."""
    note = _rows().get(note_id)
    if note is None or not can_see(user, note):
        abort(404, message=f"note {note_id} not found")
    return note


def etag_for(note: Note) -> str:
    """Task 1: a strong, quoted ETag that changes exactly when the note's JSON changes."""
    representation = json.dumps(NoteSchema().dump(note), sort_keys=True)
    return f'"{hashlib.sha256(representation.encode()).hexdigest()}"'


def page_links(page: int, per_page: int, total: int) -> str:
    """Task 3: the Link header: first and last always, prev and next when those pages exist."""
    last = max(1, math.ceil(total / per_page))

    def url(number: int) -> str:
        return f"{request.path}?{urlencode({'page': number, 'per_page': per_page})}"

    links = {"first": url(1)}
    if page > 1:
        links["prev"] = url(min(page - 1, last))
    if page < last:
        links["next"] = url(page + 1)
    links["last"] = url(last)
    return ", ".join(f'<{target}>; rel="{rel}"' for rel, target in links.items())


@notes.route("/")
class Notes(MethodView):
    @notes.arguments(PageSchema, location="query")
    @notes.response(200, NoteSchema(many=True))
    def get(self, args: Mapping[str, int]) -> tuple[list[Note], Headers]:
        """Task 3: one page of the notes the caller can see, by id, with a Link header."""
        user = current_user()
        page, per_page = args["page"], args["per_page"]
        visible = [note for _, note in sorted(_rows().items()) if can_see(user, note)]
        start = (page - 1) * per_page
        return visible[start : start + per_page], {"Link": page_links(page, per_page, len(visible))}

    @notes.arguments(NoteSchema)
    @notes.response(201, NoteSchema)
    def post(self, fields: Note) -> tuple[Note, Headers]:
        """Task 1: store the caller's new note; 201 with its Location and ETag."""
        user = current_user()
        rows = _rows()
        note_id = max(rows, default=0) + 1
        rows[note_id] = note = {**fields, "id": note_id, "owner": user}
        return note, {"Location": url_for("notes.NoteById", note_id=note_id), "ETag": etag_for(note)}


@notes.route("/<int:note_id>")
class NoteById(MethodView):
    @notes.response(200, NoteSchema)
    def get(self, note_id: int) -> tuple[Note, Headers]:
        """Task 2: a note the caller can see, with its ETag."""
        note = visible_note_or_404(note_id, current_user())
        return note, {"ETag": etag_for(note)}

    @notes.arguments(NoteSchema)
    @notes.response(200, NoteSchema)
    def put(self, fields: Note, note_id: int) -> tuple[Note, Headers]:
        """Task 2: the owner replaces the note, but only the version named by If-Match."""
        user = current_user()
        note = visible_note_or_404(note_id, user)
        if note["owner"] != user:
            abort(403, message="only the owner may change a note")
        if not request.if_match:
            abort(428, message="send If-Match with the ETag you last saw")
        if not request.if_match.contains(etag_for(note).strip('"')):
            abort(412, message="the note changed since you read it: GET it again")
        note.update(fields)
        return note, {"ETag": etag_for(note)}
