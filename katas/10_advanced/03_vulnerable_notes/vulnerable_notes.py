"""A small notes service. It works, and it has five security holes: find and close them (see README.md)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, abort, g, render_template_string, request

PAGE = (
    "<!doctype html><title>{{ note.title }}</title><h1>{{ note.title }}</h1><div class=body>{{ note.body|safe }}</div>"
)
SCHEMA = """
CREATE TABLE notes (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL);
INSERT INTO notes (owner, title, body) VALUES
  ('alice', 'Groceries', 'eggs, milk'),
  ('alice', 'Ideas', 'a <b>bold</b> plan'),
  ('bob', 'Bank', 'PIN 4921');
"""


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """The app. TOKENS maps user names to API tokens; UPLOAD_FOLDER holds the files under /files/."""
    app = Flask(__name__)
    app.config.from_mapping(TOKENS={}, UPLOAD_FOLDER="uploads")
    app.config.from_mapping(test_config or {})
    database = sqlite3.connect(":memory:", check_same_thread=False)
    database.row_factory = sqlite3.Row
    database.executescript(SCHEMA)

    @app.before_request
    def authenticate() -> None:
        user = request.headers.get("X-User", "")
        token = request.headers.get("X-Token", "")
        expected = app.config["TOKENS"].get(user)
        if expected is None or token != expected:
            abort(401)
        g.user = user

    def own_note(note_id: int) -> sqlite3.Row:
        row: sqlite3.Row | None = database.execute(
            "SELECT id, owner, title, body FROM notes WHERE id = ?", (note_id,)
        ).fetchone()
        if row is None:
            abort(404)
        return row

    @app.get("/notes")
    def search() -> list[dict[str, Any]]:
        query = request.args.get("q", "")
        rows = database.execute(
            f"SELECT id, title FROM notes WHERE owner = '{g.user}' AND title LIKE '%{query}%' ORDER BY id"
        ).fetchall()
        return [dict(row) for row in rows]

    @app.get("/notes/<int:note_id>")
    def read(note_id: int) -> dict[str, Any]:
        return dict(own_note(note_id))

    @app.get("/notes/<int:note_id>/view")
    def view(note_id: int) -> str:
        return render_template_string(PAGE, note=own_note(note_id))

    @app.get("/files/<path:name>")
    def download(name: str) -> Response:
        with open(os.path.join(app.config["UPLOAD_FOLDER"], name), "rb") as file:
            return Response(file.read(), mimetype="application/octet-stream")

    return app
