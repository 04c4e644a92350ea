"""Given, not to edit: the app, wired to your API, error handler and page in flask_quiz.py."""

from typing import Any

from flask import Flask
from flask_quiz import api, api_error, db, index
from werkzeug.exceptions import HTTPException


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The app: SITE_NAME and the database from the defaults or `test_config`, the API, the page."""
    app = Flask("flask_quiz")  # templates/ is the one beside flask_quiz.py
    app.config.from_mapping(SITE_NAME="Bookmarks", SQLALCHEMY_DATABASE_URI="sqlite:///bookmarks.db")
    app.config.from_mapping(test_config or {})
    db.init_app(app)
    app.register_blueprint(api)
    app.register_error_handler(HTTPException, api_error)
    app.add_url_rule("/", view_func=index)
    return app
