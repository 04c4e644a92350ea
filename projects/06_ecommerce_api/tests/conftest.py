"""Fixtures for the shop's tests, in the shape of Flask's tutorial (flaskr): `app`, `client`, `shop`.

Every test that uses `app` runs twice, once per database:

- `sqlite`: a fresh in-memory SQLite database (`sqlite://`), one per app. Always runs.
- `postgresql`: a brand-new schema, dropped afterwards, in the PostgreSQL database named by
  `DATABASE_URL` (libpq form, e.g. `postgresql://postgres@127.0.0.1:5432/test`). Skipped when
  `DATABASE_URL` is unset; when `CI` is set, an unset variable or an unreachable server FAILS the test.

`race` (PostgreSQL only) sends requests at the same moment from threads, each on its own connection,
in a fixed order: the first is paused just before its commit, holding its locks, while the others run.

The schema and the pause come from the workspace's shared fixtures (kata.fixtures).

The package is imported inside the fixtures, never at the top of this file, so that an unfinished
`shop_api` fails the tests one by one instead of stopping the whole run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from kata.fixtures import Race

SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz"  # >= 32 bytes, as HS256 needs
PASSWORD = "correct horse battery"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    """The URL of an empty database: in-memory SQLite, or a new PostgreSQL schema (libpq form)."""
    if request.param == "sqlite":
        return "sqlite://"
    url: str = request.getfixturevalue("postgres_schema_url")
    return url


def settings(database_url: str, **overrides: Any) -> dict[str, Any]:
    """The settings every test app gets: its database, a long enough secret, the cheapest password hashing."""
    return {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "JWT_SECRET_KEY": SECRET,
        "PASSWORD_HASH_PROFILE": "CHEAPEST",
        **overrides,
    }


@pytest.fixture
def make_app(database_url: str) -> Iterator[Callable[..., Flask]]:
    """A factory: `make_app(LOGIN_ATTEMPTS=2)` is `create_app(test settings | overrides)` on the test's database."""
    from shop_api import create_app

    made: list[Flask] = []

    def make(**overrides: Any) -> Flask:
        made.append(create_app(settings(database_url, **overrides)))
        return made[-1]

    yield make
    for app in made:
        app.extensions["shop_db"].engine.dispose()  # close its connections, so the schema can be dropped


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    """The shop, built by `create_app(test_config)` on an empty database."""
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the app: requests without a server."""
    return app.test_client()


class Shop:
    """Actions through the API, as a customer or an admin would take them, for tests to build on."""

    password = PASSWORD

    def __init__(self, app: Flask, client: FlaskClient) -> None:
        self.app = app
        self.client = client

    def register(self, email: str, password: str = PASSWORD) -> Any:
        return self.client.post("/auth/register", json={"email": email, "password": password})

    def login(self, email: str, password: str = PASSWORD) -> Any:
        return self.client.post("/auth/login", json={"email": email, "password": password})

    def token_headers(self, email: str) -> dict[str, str]:
        """Log in as `email` and return the headers that send the access token."""
        response = self.login(email)
        assert response.status_code == 200, f"logging in as {email} answered {response.status_code}: {response.json}"
        return {"Authorization": f"Bearer {response.json['access_token']}"}

    def customer(self, email: str = "ann@example.com") -> dict[str, str]:
        """Register a customer and return their Authorization header."""
        response = self.register(email)
        assert response.status_code == 201, f"registering {email} answered {response.status_code}: {response.json}"
        return self.token_headers(email)

    def admin(self, email: str = "admin@example.com") -> dict[str, str]:
        """Create an admin straight in the database (as `flask create-admin` does) and return their header."""
        from shop_api.shop_db import db
        from shop_api.shop_models import ADMIN, User
        from shop_api.shop_security import hash_password

        with self.app.app_context():
            session = db()
            session.add(User(email=email, password_hash=hash_password(PASSWORD), role=ADMIN))
            session.commit()
        return self.token_headers(email)

    def category(self, admin: dict[str, str], slug: str = "tea", name: str = "Tea") -> int:
        response = self.client.post("/categories/", json={"slug": slug, "name": name}, headers=admin)
        assert response.status_code == 201, f"creating category {slug} answered {response.status_code}: {response.json}"
        return int(response.json["id"])

    def product(self, admin: dict[str, str], **fields: Any) -> int:
        body = {"name": "Green tea", "price_cents": 450, "stock": 10, **fields}
        response = self.client.post("/products/", json=body, headers=admin)
        assert response.status_code == 201, f"creating {body} answered {response.status_code}: {response.json}"
        return int(response.json["id"])

    def add_to_cart(self, customer: dict[str, str], product_id: int, quantity: int = 1) -> Any:
        return self.client.post("/cart/items", json={"product_id": product_id, "quantity": quantity}, headers=customer)

    def order(self, customer: dict[str, str], address: str = "1 High Street", key: str | None = None) -> Any:
        headers = {**customer, **({"Idempotency-Key": key} if key else {})}
        return self.client.post("/orders/", json={"shipping_address": address}, headers=headers)

    def stock_of(self, product_id: int) -> int:
        return int(self.client.get(f"/products/{product_id}").json["stock"])


@pytest.fixture
def shop(app: Flask, client: FlaskClient) -> Shop:
    """Register, log in, stock the catalogue and order through the client: `shop.customer()`, `shop.admin()`."""
    return Shop(app, client)


@pytest.fixture
def shop_for() -> Callable[[Flask], Shop]:
    """`shop_for(app)`: the same actions on an app of your own (one built with `make_app(...)`)."""
    return lambda app: Shop(app, app.test_client())


@pytest.fixture
def teas(shop: Shop) -> tuple[dict[str, str], int, int]:
    """(admin headers, Sencha: 450 cents with 10 in stock, Assam: 300 cents with 2 in stock)."""
    admin = shop.admin()
    sencha = shop.product(admin, name="Sencha", price_cents=450, stock=10)
    assam = shop.product(admin, name="Assam", price_cents=300, stock=2)
    return admin, sencha, assam


@pytest.fixture
def race(app: Flask, database_url: str, commit_race: Callable[..., Race]) -> Callable[..., list[Any]]:
    """PostgreSQL only: `race(first, *others)` calls each function (one request each) in a thread of its own.

    `first` pauses just before its commit, holding whatever it locked or wrote; then the others start, and
    run until each has answered or waits for a lock; then `first` commits. The answers come back in the
    order given (an exception as "ExceptionName: message"). Without locking, the others read the state
    from before `first`, which is the race this reproduces every time instead of now and then.
    """
    if not database_url.startswith("postgresql"):
        pytest.fail("race needs PostgreSQL: parametrize the test with database_url 'postgresql'", pytrace=False)
    engine = app.extensions["shop_db"].engine

    def run_all(first: Callable[[], Any], *others: Callable[[], Any]) -> list[Any]:
        return commit_race(engine, first, *others).described()

    return run_all


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print how many requests schemathesis sent (the contract tests record it), also under `pytest -n`."""
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", []):
        sent = dict(report.user_properties).get("schemathesis_requests")
        if sent is not None and report.when == "call":
            terminalreporter.write_line(f"schemathesis: {sent} generated requests over HTTP in {report.nodeid}")
