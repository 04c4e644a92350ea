"""A Flask application built by a factory: config, a couple of routes and a CLI command."""

from collections.abc import Mapping
from typing import Any

from flask import Flask

DEFAULTS: Mapping[str, Any] = {"SECRET_KEY": "dev", "GREETING": "Hello"}


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build a new, independent app: DEFAULTS, then `test_config` (or FLASK_* environment variables), routes, CLI."""
    app = Flask(__name__)
    # TODO task 1: load DEFAULTS, then test_config if given, else the FLASK_* environment variables
    # TODO task 2: the routes /health and /hello
    # TODO task 3: the CLI command `greet`
    return app  # noqa: RET504 (your code goes between these lines)
