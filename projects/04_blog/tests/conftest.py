"""Fixtures for the blog's tests, in the shape of Flask's tutorial (flaskr): `app`, `client`, `runner`, `auth`.

Every test that uses `app` or `make_app` runs twice, once per database:

- `sqlite`: a fresh in-memory SQLite database (`sqlite://`), one per app. Always runs.
- `postgresql`: the PostgreSQL database named by `DATABASE_URL` (libpq form, e.g.
  `postgresql://postgres@127.0.0.1:5432/test`), in a schema of its own that is dropped afterwards:
  `make_app` gets a brand-new empty schema; `app` one shared schema whose tables are emptied before each test.
  Skipped when `DATABASE_URL` is unset; when `CI` is set, an unset variable or an unreachable
  server FAILS the test instead.

Two more, for milestones 6 and 7: `race` sends two requests at once on two PostgreSQL connections (the
first paused just before its COMMIT), and `live_url` serves `app` over real HTTP.

The package is imported inside the fixtures, never at the top of this file, so that an unfinished
`blog` fails the tests one by one instead of stopping the whole run.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn
from urllib.parse import quote

import psycopg
import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from psycopg import sql
from werkzeug.test import TestResponse

SECRET = "test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # >= 32 bytes, as HS256 tokens need
PASSWORD = "correct horse battery"


def _postgres_unavailable(reason: str) -> NoReturn:
    """Skip the PostgreSQL variant, or fail it when CI requires PostgreSQL to run."""
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so the PostgreSQL variant must run: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL variant skipped: {reason}")


@contextmanager
def _postgres_schema() -> Iterator[str]:
    """A SQLAlchemy `postgresql+psycopg://` URL whose `search_path` is a brand-new schema, dropped afterwards."""
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith(("postgresql://", "postgres://")):
        _postgres_unavailable(
            "DATABASE_URL is not set to a postgresql:// URL (e.g. postgresql://postgres@127.0.0.1:5432/test)"
        )
    schema = f"blog_{uuid.uuid4().hex}"
    try:
        admin = psycopg.connect(server, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        _postgres_unavailable(f"cannot connect to DATABASE_URL: {error}")
    with admin:
        admin.execute("SET lock_timeout = '5s'")  # a connection the test leaked open must not hang the drop
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        separator = "&" if "?" in server else "?"
        # synchronous_commit=off: a test database need not wait for the disk on every COMMIT
        options = quote(f"-csearch_path={schema} -csynchronous_commit=off")
        url = f"{server}{separator}options={options}"
        try:
            yield "postgresql+psycopg://" + url.split("://", 1)[1]
        finally:
            admin.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture(scope="session")
def shared_postgres_uri() -> Iterator[str]:
    """One PostgreSQL schema for the whole run; `app` empties its tables before every test."""
    with _postgres_schema() as uri:
        yield uri


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """Which database the test runs on: every test that needs one runs on both."""
    return str(request.param)


@pytest.fixture
def database_uri(backend: str) -> Iterator[str]:
    """The SQLAlchemy URL of a brand-new, empty database: in-memory SQLite, or a new PostgreSQL schema."""
    if backend == "sqlite":
        yield "sqlite://"
    else:
        with _postgres_schema() as uri:
            yield uri


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
def race(app: Flask) -> Callable[[Request, Request], tuple[TestResponse, TestResponse]]:
    """A function that sends two requests at once, each from its own client, thread and database connection:
    the first pauses just before its COMMIT, the second starts then and gets half a second to run into the first
    (on PostgreSQL it waits for the first's row), then the first commits. Returns both responses, first first."""
    from blog.extensions import db
    from sqlalchemy import event

    def run_both(first: Request, second: Request) -> tuple[TestResponse, TestResponse]:
        at_commit, go_on = threading.Event(), threading.Event()
        responses: dict[str, TestResponse] = {}
        raised: dict[str, str] = {}
        idents: dict[str, int] = {}

        def pause(_connection: object) -> None:
            if threading.get_ident() == idents.get("first") and not at_commit.is_set():
                at_commit.set()
                go_on.wait(5)

        def run(name: str, send: Request) -> None:
            idents[name] = threading.get_ident()
            try:
                responses[name] = send(app.test_client())
            except Exception as error:  # the test app re-raises what a server would answer with a 500
                raised[name] = f"{type(error).__name__}: {str(error).splitlines()[0]}"

        with app.app_context():
            engine = db.engine
        event.listen(engine, "commit", pause)
        threads = {
            name: threading.Thread(target=run, args=(name, send))
            for name, send in [("first", first), ("second", second)]
        }
        try:
            threads["first"].start()
            assert at_commit.wait(5), "the first request never reached its COMMIT"
            threads["second"].start()
            threads["second"].join(0.5)
        finally:
            go_on.set()
            for thread in threads.values():
                if thread.ident is not None:
                    thread.join(10)
            event.remove(engine, "commit", pause)
        assert not raised, f"a request crashed (a 500 on a real server) instead of answering: {raised}"
        return responses["first"], responses["second"]

    return run_both
