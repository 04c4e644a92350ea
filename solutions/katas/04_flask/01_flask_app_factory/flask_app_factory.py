"""A Flask application built by a factory: config, a couple of routes and a CLI command."""

from collections.abc import Mapping
from typing import Any

import click
from flask import Flask, current_app, request

DEFAULTS: Mapping[str, Any] = {"SECRET_KEY": "dev", "GREETING": "Hello"}


def greeting(name: str) -> str:
    """'Hello, Ada!' with the configured greeting; the name stripped, 'World' when blank."""
    return f"{current_app.config['GREETING']}, {name.strip() or 'World'}!"


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build a new, independent app: DEFAULTS, then `test_config` (or FLASK_* environment variables), routes, CLI."""
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if test_config is None:
        app.config.from_prefixed_env()  # FLASK_GREETING=Hi -> app.config["GREETING"] == "Hi"
    else:
        app.config.from_mapping(test_config)

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/hello")
    def hello() -> tuple[str, dict[str, str]]:
        # text/plain: a name like "<script>" is shown, never run as HTML
        return greeting(request.args.get("name", "")), {"Content-Type": "text/plain; charset=utf-8"}

    @app.cli.command("greet")
    @click.option("--name", default="", help="who to greet")
    def greet(name: str) -> None:
        """Print the greeting."""
        click.echo(greeting(name))

    return app
