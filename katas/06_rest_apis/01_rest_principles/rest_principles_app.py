"""Given, not to edit: the app, with an empty book store, serving your views from rest_principles.py."""

from __future__ import annotations

from flask import Flask
from rest_principles import BookStore, books, handle_http_error
from werkzeug.exceptions import HTTPException


def create_app() -> Flask:
    """Build the app with an empty book store."""
    app = Flask(__name__)
    app.extensions["books"] = BookStore()
    app.register_blueprint(books)
    app.register_error_handler(HTTPException, handle_http_error)
    return app
