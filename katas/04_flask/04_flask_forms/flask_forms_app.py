"""Given, not to edit: the app, serving your `signup` view from flask_forms.py."""

from typing import Any

from flask import Flask
from flask_forms import signup


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The app: SECRET_KEY for sessions and CSRF, the signups in app.extensions["signups"], one route."""
    app = Flask("flask_forms")  # templates/ is the one beside flask_forms.py
    app.config.from_mapping(SECRET_KEY="dev", WTF_CSRF_ENABLED=True)
    app.config.from_mapping(test_config or {})
    app.extensions["signups"] = []
    app.add_url_rule("/signup", view_func=signup, methods=["GET", "POST"])
    return app
