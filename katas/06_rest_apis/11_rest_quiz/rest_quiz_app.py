"""Given, not to edit: the app, serving your notes blueprint from rest_quiz.py."""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask
from flask_smorest import Api  # type: ignore[import-untyped]
from rest_quiz import notes


def create_app(sessions: Mapping[str, str]) -> Flask:
    """The app, with no notes: `sessions` maps a bearer token to a user name."""
    app = Flask(__name__)
    app.config.update(API_TITLE="Notes", API_VERSION="v1", OPENAPI_VERSION="3.0.3")
    app.extensions["sessions"] = dict(sessions)
    app.extensions["notes"] = {}
    api = Api(app)
    api.register_blueprint(notes)
    return app
