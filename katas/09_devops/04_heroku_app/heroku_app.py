"""A Flask app to deploy on Heroku. It is finished: your job is the Procfile and app.json next to it.

`python -m heroku_app migrate` creates the tables (the release phase runs it before each new version goes live).
"""

from __future__ import annotations

import os
import sys

from flask import Flask
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, func, select

metadata = MetaData()
visits = Table("visits", metadata, Column("id", Integer, primary_key=True), Column("path", String(200)))


def database_url() -> str:
    """DATABASE_URL as SQLAlchemy wants it (Heroku still hands out the old `postgres://` scheme)."""
    url = os.environ.get("DATABASE_URL", "sqlite:///heroku_app.db")
    for old in ("postgres://", "postgresql://"):
        if url.startswith(old):
            return "postgresql+psycopg://" + url.removeprefix(old)
    return url


def create_app() -> Flask:
    """`/` counts visits in the database."""
    app = Flask(__name__)
    app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "dev-only-not-secret")
    engine = create_engine(database_url())

    @app.get("/")
    def index() -> dict[str, object]:
        with engine.begin() as connection:
            connection.execute(visits.insert().values(path="/"))
            count = connection.execute(select(func.count()).select_from(visits)).scalar_one()
        return {"message": "hello from Heroku", "visits": count}

    return app


def migrate() -> None:
    """Create the tables that do not exist yet."""
    metadata.create_all(create_engine(database_url()))
    print("migrated")


app = create_app()

if __name__ == "__main__":
    if sys.argv[1:] != ["migrate"]:
        sys.exit("usage: python -m heroku_app migrate")
    migrate()
