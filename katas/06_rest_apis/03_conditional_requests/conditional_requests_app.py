"""Given, not to edit: the app, serving your notes blueprint from conditional_requests.py."""

from __future__ import annotations

from collections.abc import Mapping

from conditional_requests import notes
from flask import Flask


def create_app(initial: Mapping[int, str]) -> Flask:
    """An app serving notes `{id: text}` at /notes/<id>."""
    app = Flask(__name__)
    app.extensions["notes"] = {note_id: {"id": note_id, "text": text} for note_id, text in initial.items()}
    app.register_blueprint(notes)
    return app
