"""Milestone 1: settings, the app factory, the OpenAPI document and one JSON shape for every error.

Mistakes these tests catch: a libpq `postgresql://` URL handed to SQLAlchemy as it is (which picks
psycopg2, not the psycopg 3 that is installed), `DATABASE_URL` ignored or winning over the test's
own settings, an app that starts with no JWT secret or a short one (HS256 keys under 32 bytes can
be brute-forced), a document not served or not valid OpenAPI 3, no bearer scheme in it, an HTML
error page where a client expects JSON, a 405 without the `Allow` header that RFC 9110
requires (flask-smorest's own error handler drops it), `DEFAULTS` dropped (and with it the 1 MiB
body limit), and a 500 for JSON too deep or a number too long for `json.loads`.
"""

from __future__ import annotations

import threading

import pytest
from openapi_spec_validator import validate
from shop_api.shop_settings import load_settings, sqlalchemy_url

LONG_SECRET = "x" * 32
SQLITE = "sqlite:////tmp/shop.sqlite"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://postgres@127.0.0.1:5432/test", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
        ("postgres://u:p@db/shop?sslmode=require", "postgresql+psycopg://u:p@db/shop?sslmode=require"),
        ("postgresql+psycopg://u@db/shop", "postgresql+psycopg://u@db/shop"),
        ("sqlite:///instance/shop.sqlite", "sqlite:///instance/shop.sqlite"),
        ("sqlite://", "sqlite://"),
    ],
)
def test_sqlalchemy_url_names_the_psycopg_driver(url: str, expected: str) -> None:
    assert sqlalchemy_url(url) == expected, f"sqlalchemy_url({url!r}) should be {expected!r}"


@pytest.mark.task(taskno=1)
def test_settings_come_from_defaults_then_environment_then_test_config() -> None:
    environ = {"DATABASE_URL": "postgresql://shop@db/shop", "JWT_SECRET_KEY": LONG_SECRET}
    settings = load_settings(None, environ, SQLITE)
    assert settings["DATABASE_URL"] == "postgresql+psycopg://shop@db/shop", "DATABASE_URL comes from the environment"
    assert settings["JWT_SECRET_KEY"] == LONG_SECRET
    assert settings["OPENAPI_VERSION"].startswith("3."), "the defaults include the OpenAPI settings"
    overridden = load_settings({"DATABASE_URL": "sqlite://"}, environ, SQLITE)
    assert overridden["DATABASE_URL"] == "sqlite://", "test_config wins over the environment"
    assert load_settings(None, {"JWT_SECRET_KEY": LONG_SECRET}, SQLITE)["DATABASE_URL"] == SQLITE, (
        "with no DATABASE_URL the default (SQLite) database is used"
    )


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("secret", ["", "short", "x" * 31, "é" * 15])
def test_a_missing_or_short_jwt_secret_stops_the_app(secret: str) -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        load_settings(None, {"JWT_SECRET_KEY": secret}, SQLITE)
    assert load_settings(None, {"JWT_SECRET_KEY": "é" * 16}, SQLITE), "32 bytes is enough (é is 2 bytes in UTF-8)"


@pytest.mark.task(taskno=1)
def test_openapi_document_is_served_and_valid(client) -> None:
    response = client.get("/openapi.json")
    assert response.status_code == 200, "serve the document at /openapi.json"
    document = response.get_json()
    assert document["openapi"].startswith("3."), "an OpenAPI 3 document, not Swagger 2"
    validate(document)  # raises, saying what is wrong, if the document is broken
    assert document["info"]["title"] == "Shop API"
    schemes = document.get("components", {}).get("securitySchemes", {})
    assert schemes.get("bearerAuth", {}).get("scheme") == "bearer", "declare the JWT bearer scheme as bearerAuth"
    assert "/products/" in document["paths"]
    assert "/orders/" in document["paths"]


@pytest.mark.task(taskno=1)
def test_swagger_ui_is_served_at_docs(client) -> None:
    response = client.get("/docs")
    assert response.status_code == 200, "serve Swagger UI at /docs"
    assert response.mimetype == "text/html"
    assert b"openapi.json" in response.data, "the page loads the app's own document"


@pytest.mark.task(taskno=1)
def test_unknown_url_is_a_json_404(client) -> None:
    response = client.get("/no-such-thing")
    assert response.status_code == 404
    assert response.is_json, "errors are JSON, never an HTML page"
    assert response.get_json() == {"code": 404, "status": "Not Found"}


@pytest.mark.task(taskno=1)
def test_wrong_method_is_a_json_405_with_allow(client) -> None:
    response = client.delete("/products/")
    assert response.status_code == 405
    assert response.is_json
    assert response.get_json()["code"] == 405
    allow = {method.strip() for method in response.headers.get("Allow", "").split(",") if method.strip()}
    assert {"GET", "POST"} <= allow, (
        f"a 405 must list the allowed methods in Allow (got {response.headers.get('Allow')!r}); "
        "flask-smorest's handler drops the headers of the error, so copy them back"
    )


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # parsing: the same on every database
@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000 + "]" * 100_000,  # json.loads recurses once per level: RecursionError
        '{"email": ' + "9" * 5000 + "}",  # over Python's 4,300-digit limit for int(): ValueError
    ],
    ids=["100000-levels-deep", "5000-digit-number"],
)
def test_json_that_cannot_be_read_is_a_json_400(client, body: str) -> None:
    response = client.post("/auth/register", data=body, content_type="application/json")
    assert response.status_code == 400, (
        f"a body json.loads cannot read is the client's mistake (400), not a crash: got {response.status_code}"
    )
    assert response.is_json
    assert response.get_json()["code"] == 400


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_body_over_one_megabyte_is_a_json_413(client) -> None:
    response = client.post("/auth/register", data=b" " * (1024 * 1024 + 1), content_type="application/json")
    assert response.status_code == 413, (
        f"MAX_CONTENT_LENGTH (1 MiB, in DEFAULTS) refuses a bigger body before anything reads it: got "
        f"{response.status_code}"
    )
    assert response.is_json
    assert response.get_json()["code"] == 413


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_several_servers_may_start_on_an_empty_database_at_once(make_app) -> None:
    """PostgreSQL only: four apps start together on one empty schema, as four gunicorn workers do."""
    start_line, failures = threading.Barrier(4), []

    def start() -> None:
        start_line.wait()
        try:
            make_app()
        except Exception as error:
            failures.append(f"{type(error).__name__}: {error}")

    starts = [threading.Thread(target=start) for _ in range(4)]
    for thread in starts:
        thread.start()
    for thread in starts:
        thread.join(30)
    assert not failures, (
        "two processes creating the same tables at once collide (one CREATE TABLE fails): "
        f"create them under a lock (init_db, given, does it): {failures[0][:300] if failures else ''}"
    )
