"""A tiny Flask app to put in a container. It is finished: your job is the Dockerfile next to it."""

from __future__ import annotations

import os

from flask import Flask


def create_app() -> Flask:
    """The app: `/` greets, `/health` answers for the orchestrator's health check."""
    app = Flask(__name__)

    @app.get("/")
    def index() -> dict[str, str]:
        return {"message": "hello from a container", "user": os.environ.get("USER", "unknown")}

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


app = create_app()
