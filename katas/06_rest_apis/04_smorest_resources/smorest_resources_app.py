"""Given, not to edit: the app, with an empty store, serving your tickets blueprint from smorest_resources.py."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api  # type: ignore[import-untyped]
from smorest_resources import API_CONFIG, TicketStore, tickets


def create_app() -> Flask:
    """The app, its OpenAPI settings, an empty store and the tickets blueprint."""
    app = Flask(__name__)
    app.config.update(API_CONFIG)
    app.extensions["tickets"] = TicketStore()
    api = Api(app)
    api.register_blueprint(tickets)
    return app
