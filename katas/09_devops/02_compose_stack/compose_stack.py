"""A Flask app that needs PostgreSQL. It is finished: your job is compose.yaml, which runs it with its database."""

from __future__ import annotations

import os

from flask import Flask
from sqlalchemy import create_engine, text


def create_app() -> Flask:
    """`/health` answers 200 only when the database named by DATABASE_URL answers too."""
    app = Flask(__name__)
    url = os.environ.get("DATABASE_URL", "sqlite://").replace("postgresql://", "postgresql+psycopg://", 1)
    engine = create_engine(url, pool_pre_ping=True)

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
