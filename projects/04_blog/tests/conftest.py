"""Fixtures for the blog's tests, in the shape of Flask's tutorial (flaskr): `app`, `client`, `runner`, `auth`.

Every test that uses `app` or `make_app` runs twice, once per database:

- `sqlite`: a fresh in-memory SQLite database (`sqlite://`), one per app. Always runs.
- `postgresql`: the PostgreSQL database named by `DATABASE_URL` (libpq form, e.g.
  `postgresql://postgres@127.0.0.1:5432/test`), in a schema of its own that is dropped afterwards:
  `make_app` gets a brand-new empty schema; `app` one shared schema whose tables are emptied before each test.
  Skipped when `DATABASE_URL` is unset; when `CI` is set, an unset variable or an unreachable
  server FAILS the test instead.

Two more, for milestones 6 and 7: `race` sends two requests at once on two PostgreSQL connections (the
first paused just before its COMMIT, by the workspace's `commit_race`), and `live_url` serves `app` over real HTTP.

The PostgreSQL schemas come from the workspace's shared fixtures (kata.fixtures).

The package is imported inside the fixtures, never at the top of this file, so that an unfinished
`blog` fails the tests one by one instead of stopping the whole run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from werkzeug.test import TestResponse

from kata.fixtures import Race, fresh_postgres_schema, sqlalchemy_url

SECRET = "test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # >= 32 bytes, as HS256 tokens need
PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def shared_postgres_uri() -> Iterator[str]:
    """One PostgreSQL schema for the whole run; `app` empties its tables before every test."""
    with fresh_postgres_schema() as url:
        yield sqlalchemy_url(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """Which database the test runs on: every test that needs one runs on both."""
    return str(request.param)


@pytest.fixture
def database_uri(backend: str, request: pytest.FixtureRequest) -> str:
    """The SQLAlchemy URL of a brand-new, empty database: in-memory SQLite, or a new PostgreSQL schema."""
    if backend == "sqlite":
        return "sqlite://"
    return sqlalchemy_url(request.getfixturevalue("postgres_schema_url"))


def _config(database_uri: str) -> dict[str, Any]:
    """The settings every test app gets: its database, CSRF off, the cheapest password hashing, 3 posts a page."""
    return {
        "TESTING": True,
        "SECRET_KEY": SECRET,
        "SQLALCHEMY_DATABASE_URI": database_uri,
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_PROFILE": "CHEAPEST",
        "POSTS_PER_PAGE": 3,
    }


def _dispose(app: Flask) -> None:
    """Close the app's database connections, so the schema can be dropped."""
    from blog.extensions import db

    with app.app_context():
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()


@pytest.fixture
def make_app(database_uri: str) -> Iterator[Callable[..., Flask]]:
    """A factory: `make_app(WTF_CSRF_ENABLED=True)` is `create_app(test settings | overrides)` on an empty database
    with no tables yet (the migration test builds them with `flask db upgrade`)."""
    from blog import create_app

    made: list[Flask] = []

    def make(**overrides: Any) -> Flask:
        made.append(create_app(_config(database_uri) | overrides))
        return made[-1]

    yield make
    for app in made:
        _dispose(app)


@pytest.fixture(scope="session")
def _shared_apps() -> Iterator[dict[str, Flask]]:
    """One app per database for the whole run, built on first use (building one per test is slow)."""
    apps: dict[str, Flask] = {}
    yield apps
    for built in apps.values():
        _dispose(built)


@pytest.fixture
def app(backend: str, request: pytest.FixtureRequest, _shared_apps: dict[str, Flask]) -> Iterator[Flask]:
    """The blog app from `create_app(test settings)`, with the models' tables, all of them empty.

    One app per database serves the whole run; before each test its tables are rebuilt (SQLite,
    in memory) or emptied with TRUNCATE (PostgreSQL, far faster than a new schema per test).
    """
    from blog import create_app
    from blog.extensions import db

    if backend not in _shared_apps:
        uri = "sqlite://" if backend == "sqlite" else request.getfixturevalue("shared_postgres_uri")
        _shared_apps[backend] = create_app(_config(uri))
    app = _shared_apps[backend]
    with app.app_context():
        if backend == "sqlite":
            db.drop_all()
            db.create_all()
        else:
            db.create_all()
            tables = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
            with db.engine.begin() as connection:
                connection.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    yield app
    with app.app_context():
        db.session.remove()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the app: requests without a server, cookies kept between them."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """A runner for the app's `flask` commands (`runner.invoke(args=["db", "upgrade"])`)."""
    return app.test_cli_runner()


class AuthActions:
    """Register, log in and log out through the real pages, like a visitor would."""

    password = PASSWORD

    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def register(self, username: str = "alice", password: str = PASSWORD, email: str | None = None) -> TestResponse:
        """POST the registration form (the email defaults to `<username>@example.com`)."""
        form = {
            "username": username,
            "email": email or f"{username}@example.com",
            "password": password,
            "confirm": password,
        }
        return self._client.post("/auth/register", data=form)

    def login(self, username: str = "alice", password: str = PASSWORD) -> TestResponse:
        """POST the login form."""
        return self._client.post("/auth/login", data={"username": username, "password": password})

    def signup(self, username: str = "alice") -> TestResponse:
        """Register `username` and log in as them."""
        self.register(username)
        return self.login(username)

    def logout(self) -> TestResponse:
        """POST to the logout URL."""
        return self._client.post("/auth/logout")


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    """Register, log in and log out through the client: `auth.signup("bob")`, `auth.logout()`."""
    return AuthActions(client)


@pytest.fixture
def live_url(app: Flask) -> Iterator[str]:
    """The `app` served over real HTTP by werkzeug (threaded) on 127.0.0.1 and a free port; yields its base URL."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="blog-live-url", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


Request = Callable[[FlaskClient], TestResponse]


@pytest.fixture
def race(app: Flask, commit_race: Callable[..., Race]) -> Callable[[Request, Request], tuple[Any, Any]]:
    """A function that sends two requests at once, each from its own client, thread and database connection:
    the first pauses just before its COMMIT, the second starts then and runs into it (on PostgreSQL it waits
    for the first's row), then the first commits. Returns both responses, first first."""
    from blog.extensions import db

    with app.app_context():
        engine = db.engine

    def run_both(first: Request, second: Request) -> tuple[Any, Any]:
        race = commit_race(engine, lambda: first(app.test_client()), lambda: second(app.test_client()))
        raised = {  # the test app re-raises what a server would answer with a 500
            name: f"{type(outcome).__name__}: {str(outcome).splitlines()[0]}"
            for name, outcome in zip(["first", "second"], race.outcomes, strict=True)
            if isinstance(outcome, Exception)
        }
        assert not raised, f"a request crashed (a 500 on a real server) instead of answering: {raised}"
        first_response, second_response = race.outcomes
        return first_response, second_response

    return run_both
