"""Given, not to edit: the app, wired to your model, views and init-db command in flask_database.py."""

from typing import Any

from flask import Flask
from flask_database import db, init_db, tasks


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The app: a SQLite file in the instance folder unless test_config says otherwise."""
    app = Flask(__name__)
    app.config.from_mapping(SQLALCHEMY_DATABASE_URI="sqlite:///tasks.db")
    app.config.from_mapping(test_config or {})
    db.init_app(app)
    app.register_blueprint(tasks)
    app.cli.add_command(init_db)
    return app
