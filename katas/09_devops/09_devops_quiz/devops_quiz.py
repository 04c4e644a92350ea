"""A small notes service that needs PostgreSQL and a secret key. It is finished: your job is its Dockerfile and
compose.yaml."""

from __future__ import annotations

import os

from flask import Flask
from sqlalchemy import create_engine, text


def create_app() -> Flask:
    """`/` greets; `/health` answers 200 only when the database named by DATABASE_URL answers too.

    The app refuses to start without SECRET_KEY: a secret has no default, in the code or in the image.
    """
    app = Flask(__name__)
    app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    url = os.environ.get("DATABASE_URL", "sqlite://").replace("postgresql://", "postgresql+psycopg://", 1)
    engine = create_engine(url, pool_pre_ping=True)

    @app.get("/")
    def index() -> dict[str, str]:
        return {"message": "the notes service is up"}

    @app.get("/health")
    def health() -> tuple[dict[str, str], int]:
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception as error:
            return {"status": "database unreachable", "error": type(error).__name__}, 503
        return {"status": "ok"}, 200

    return app


app = create_app()
