"""Conditional requests: ETags that save bandwidth (304) and stop lost updates (412)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Response, abort, current_app, jsonify, request

notes = Blueprint("notes", __name__)


def _notes() -> dict[int, dict[str, Any]]:
    rows: dict[int, dict[str, Any]] = current_app.extensions["notes"]
    return rows


def _note_or_404(note_id: int) -> dict[str, Any]:
    note = _notes().get(note_id)
    if note is None:
        abort(404, f"note {note_id} not found")
    return note


def etag_for(representation: Mapping[str, Any]) -> str:
    """Task 1: a strong ETag (quoted) that changes exactly when the JSON representation changes."""
    canonical = json.dumps(representation, sort_keys=True)
    return f'"{hashlib.sha256(canonical.encode()).hexdigest()}"'


def _with_etag(note: Mapping[str, Any]) -> Response:
    response = jsonify(note)
    response.headers["ETag"] = etag_for(note)
    return response


@notes.get("/notes/<int:note_id>")
def get_note(note_id: int) -> Response:
    """Task 2: the note with its ETag; 304 Not Modified when If-None-Match already names it."""
    note = _note_or_404(note_id)
    if request.if_none_match.contains_weak(etag_for(note).strip('"')):
        response = Response(status=304)
        response.headers["ETag"] = etag_for(note)
        return response
    return _with_etag(note)


@notes.put("/notes/<int:note_id>")
def update_note(note_id: int) -> Response:
    """Task 3: replace the text only if If-Match names the current version (428 without it, 412 when stale)."""
    note = _note_or_404(note_id)
    if not request.if_match:
        abort(428, "send If-Match with the ETag you last saw")
    if not request.if_match.contains(etag_for(note).strip('"')):
        abort(412, "the note changed since you read it: GET it again")
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("text"), str):
        abort(400, 'the body must be {"text": "..."}')
    updated = {"id": note_id, "text": body["text"]}
    _notes()[note_id] = updated
    return _with_etag(updated)
