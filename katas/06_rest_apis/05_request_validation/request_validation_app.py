"""Given, not to edit: the app, with an empty booking list, serving your bookings blueprint from request_validation.py."""

from __future__ import annotations

from flask import Flask
from request_validation import API_CONFIG, JsonErrorsApi, bookings


def create_app() -> Flask:
    """The app with an empty booking list."""
    app = Flask(__name__)
    app.config.update(API_CONFIG)
    app.extensions["bookings"] = {}
    api = JsonErrorsApi(app)
    api.register_blueprint(bookings)
    return app
