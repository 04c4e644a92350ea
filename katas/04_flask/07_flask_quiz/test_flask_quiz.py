"""Tests for the Flask quiz, through the test client on a fresh SQLite file per test.

Mistakes these tests catch: 200 instead of 201, no Location, a title kept with its spaces or counted
before stripping, `javascript:` or `ftp:` URLs accepted, a duplicate url crashing with 500 instead of
409 (or a rollback forgotten, so the app fails afterwards), errors answered as HTML or with 200, the
Allow header of a 405 lost, JSON errors on the page too, bookmarks listed oldest first, titles not
escaped, SITE_NAME ignored.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_quiz import db
from flask_quiz_app import create_app

FLASK = {"url": "https://flask.palletsprojects.com", "title": " Flask "}


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    """The app on a fresh SQLite file, its tables made by the test, and the site named "Links"."""
    app = create_app(
        {"TESTING": True, "SITE_NAME": "Links", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'b.db'}"}
    )
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the app."""
    return app.test_client()


def save(client: FlaskClient, **body: Any) -> Any:
    return client.post("/api/bookmarks", json=body)


@pytest.mark.task(taskno=1)
def test_saving_answers_201_with_location(client: FlaskClient) -> None:
    response = save(client, **FLASK)
    assert response.status_code == 201, f"a new bookmark is 201 Created, got {response.status_code}"
    assert response.get_json() == {"id": 1, "url": FLASK["url"], "title": "Flask"}, response.get_json()
    assert response.headers.get("Location") == "/api/bookmarks/1", "Location names the new bookmark (url_for)"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("body", "message"),
    [
        (["not", "an", "object"], "send a JSON object"),
        ({"url": "javascript:alert(1)", "title": "x"}, "url must start with http:// or https://"),
        ({"url": "ftp://files.example", "title": "x"}, "url must start with http:// or https://"),
        ({"url": 42, "title": "x"}, "url must start with http:// or https://"),
        ({"url": "https://a.example", "title": "   "}, "title must be 1 to 200 characters"),
        ({"url": "https://a.example", "title": "x" * 201}, "title must be 1 to 200 characters"),
        ({"url": "https://a.example", "title": None}, "title must be 1 to 200 characters"),
    ],
    ids=["not-an-object", "javascript", "ftp", "number-url", "blank-title", "long-title", "no-title"],
)
def test_bad_input_is_a_400_that_says_why(client: FlaskClient, body: object, message: str) -> None:
    response = client.post("/api/bookmarks", json=body)
    assert response.status_code == 400, f"{body!r} should be a 400, got {response.status_code}"
    assert response.get_json() == {"error": "Bad Request", "message": message}, response.get_data(as_text=True)


@pytest.mark.task(taskno=1)
def test_the_title_limit_counts_the_stripped_title(client: FlaskClient) -> None:
    response = save(client, url="https://a.example", title="  " + "y" * 200 + "  ")
    assert response.status_code == 201, f"200 characters once stripped is fine, got {response.status_code}"


@pytest.mark.task(taskno=1)
def test_a_url_saved_twice_is_a_409_and_the_app_carries_on(client: FlaskClient) -> None:
    save(client, **FLASK)
    again = save(client, **FLASK)
    assert again.status_code == 409, f"the same url again should be 409, got {again.status_code}"
    assert again.get_json() == {"error": "Conflict", "message": "that url is already saved"}
    other = save(client, url="https://b.example", title="B")
    assert other.status_code == 201, "after a 409 the next save must work: roll the session back"


@pytest.mark.task(taskno=2)
def test_reading_and_deleting(client: FlaskClient) -> None:
    save(client, **FLASK)
    assert client.get("/api/bookmarks/1").get_json()["title"] == "Flask"
    deleted = client.delete("/api/bookmarks/1")
    assert deleted.status_code == 204, f"DELETE answers 204, got {deleted.status_code}"
    assert deleted.data == b"", "204 has no body"
    gone = client.get("/api/bookmarks/1")
    assert gone.status_code == 404, f"a deleted bookmark is a 404, got {gone.status_code}"
    assert gone.get_json()["error"] == "Not Found", "API errors are JSON"
    assert client.delete("/api/bookmarks/1").status_code == 404


@pytest.mark.task(taskno=2)
def test_api_errors_keep_their_headers_but_the_page_is_not_json(client: FlaskClient) -> None:
    response = client.put("/api/bookmarks/1", json={})
    assert response.status_code == 405, f"PUT is not allowed: 405, got {response.status_code}"
    assert response.is_json, "the API's 405 is JSON too"
    assert "DELETE" in response.headers.get("Allow", ""), "a 405 keeps its Allow header: start from get_response()"
    page = client.get("/no/such/page")
    assert page.status_code == 404
    assert not page.is_json, "only errors under /api/ are JSON: return any other error as it is"


@pytest.mark.task(taskno=3)
def test_the_page_lists_bookmarks_newest_first(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert "<title>Links</title>" in html, "the title comes from SITE_NAME in the config"
    assert "Nothing saved yet." in html, "an empty list says so"
    save(client, **FLASK)
    save(client, url="https://b.example", title="B")
    html = client.get("/").get_data(as_text=True)
    first, second = html.find(">B</a>"), html.find(">Flask</a>")
    assert -1 < first < second, f"newest first: B before Flask, got:\n{html}"
    assert '<a href="https://flask.palletsprojects.com">Flask</a>' in html
    assert "Nothing saved yet." not in html
    defaults = create_app().config
    assert defaults["SITE_NAME"] == "Bookmarks", "without a test config the site is called Bookmarks"
    assert defaults["SQLALCHEMY_DATABASE_URI"] == "sqlite:///bookmarks.db", "and keeps a SQLite file"


@pytest.mark.task(taskno=3)
def test_titles_are_escaped_on_the_page(client: FlaskClient) -> None:
    save(client, url="https://x.example", title="<script>alert(1)</script>")
    html = client.get("/").get_data(as_text=True)
    assert "<script>alert(1)" not in html, "a title is text: let Jinja escape it (no |safe)"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
