"""Given, not to edit: the port's app, with the same store, serving your bookmarks blueprint from flask_restful_port.py."""

from __future__ import annotations

from bookmark_store import BookmarkStore
from flask import Flask
from flask_restful_port import API_CONFIG, LegacyErrorsApi, bookmarks


def create_app() -> Flask:
    """The port: the same store, the resources on the same URLs."""
    app = Flask(__name__)
    app.config.update(API_CONFIG)
    app.extensions["bookmarks"] = BookmarkStore()
    api = LegacyErrorsApi(app)
    api.register_blueprint(bookmarks)
    return app
