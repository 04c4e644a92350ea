"""Tests for the REST principles kata.

Mistakes these tests catch: a list in insertion order instead of id order, 200
instead of 201 on create, no Location header, a missing or blank field accepted,
a non-object body accepted, a 400 that does not say which field is wrong, ids
reused after a delete or taken from a book put by id (`len(rows) + 1`), PUT
that returns 200 for a new resource or keeps old fields (a merge, not a
replace), PUT that is not idempotent, DELETE answering 200 with a body, a
second DELETE answering 204, error pages as HTML, and an error handler that
builds a fresh response and so drops the Allow header of a 405.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rest_principles import BAD_FIELD, NOT_AN_OBJECT
from rest_principles_app import create_app


@pytest.fixture
def app() -> Flask:
    """A fresh app with an empty store, in testing mode so view errors reach the test."""
    app = create_app()
    app.config["TESTING"] = True
    return app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the app."""
    return app.test_client()


def _create(client: FlaskClient, title: str = "Dune", author: str = "Frank Herbert") -> Any:
    response = client.post("/books", json={"title": title, "author": author})
    assert response.status_code == 201, f"POST /books should answer 201 Created, got {response.status_code}"
    return response.get_json()


@pytest.mark.task(taskno=1)
def test_empty_collection_is_an_empty_list(client: FlaskClient) -> None:
    response = client.get("/books")
    assert response.status_code == 200
    assert response.get_json() == [], "an empty collection is 200 with [], not 404"


@pytest.mark.task(taskno=1)
def test_collection_lists_books_by_id(client: FlaskClient) -> None:
    client.put("/books/5", json={"title": "Emma", "author": "Jane Austen"})
    _create(client, "Dune")
    response = client.get("/books")
    ids = [book["id"] for book in response.get_json()]
    assert ids == sorted(ids), f"list the books in id order, got ids {ids}"


@pytest.mark.task(taskno=1)
def test_unknown_book_is_404(client: FlaskClient) -> None:
    assert client.get("/books/99").status_code == 404, "a book that does not exist is 404 Not Found"


@pytest.mark.task(taskno=2)
def test_create_answers_201_with_location_and_body(client: FlaskClient) -> None:
    response = client.post("/books", json={"title": "Dune", "author": "Frank Herbert"})
    assert response.status_code == 201, "creating a resource is 201 Created, not 200"
    book = response.get_json()
    assert book == {"id": 1, "title": "Dune", "author": "Frank Herbert"}, "answer with the new book, id included"
    assert response.headers.get("Location", "").endswith("/books/1"), "the Location header must point at the new book"
    assert client.get("/books/1").get_json() == book, "GET on the Location must return the same book"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    "body",
    [
        {},
        {"title": "Dune"},
        {"title": "", "author": "X"},
        {"title": "   ", "author": "X"},
        {"title": 42, "author": "X"},
        {"title": "Dune", "author": 42},
        ["Dune"],
        "Dune",
    ],
    ids=["empty", "no-author", "empty-title", "spaces-title", "title-number", "author-not-str", "list", "string"],
)
def test_create_rejects_a_bad_body_with_400(client: FlaskClient, body: Any) -> None:
    response = client.post("/books", json=body)
    assert response.status_code == 400, f"POST {body!r} must be 400 Bad Request, got {response.status_code}"
    assert client.get("/books").get_json() == [], "a rejected request must not create anything"


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"title": "Dune"', NOT_AN_OBJECT),
        (b'["Dune"]', NOT_AN_OBJECT),
        (b'{"title": " ", "author": "Frank Herbert"}', BAD_FIELD.format(field="title")),
        (b'{"title": "Dune"}', BAD_FIELD.format(field="author")),
    ],
    ids=["broken-json", "list", "blank-title", "no-author"],
)
def test_create_says_what_is_wrong(client: FlaskClient, body: bytes, message: str) -> None:
    response = client.post("/books", data=body, content_type="application/json")
    assert response.status_code == 400, f"POST {body!r} must be 400 Bad Request ({message}), got {response.status_code}"
    assert response.get_json() == {"error": message}, "say what is wrong, with the messages the module defines"


@pytest.mark.task(taskno=2)
def test_ids_are_never_reused(client: FlaskClient) -> None:
    _create(client, "A")
    second = _create(client, "B")
    client.delete(f"/books/{second['id']}")
    third = _create(client, "C")
    assert third["id"] != second["id"], "never hand out a deleted id again while others exist above it"
    assert third["id"] > 1


@pytest.mark.task(taskno=2)
def test_post_never_overwrites_a_book_put_by_id(client: FlaskClient) -> None:
    client.put("/books/2", json={"title": "Emma", "author": "Jane Austen"})
    ids = [_create(client, title)["id"] for title in ("A", "B")]
    assert 2 not in ids, f"POST handed out id 2, which PUT already used: ids were {ids}"
    assert client.get("/books/2").get_json()["title"] == "Emma", "the PUT book must survive"


@pytest.mark.task(taskno=3)
def test_put_creates_then_replaces(client: FlaskClient) -> None:
    first = client.put("/books/7", json={"title": "Emma", "author": "Jane Austen"})
    assert first.status_code == 201, "PUT to a new URL creates the resource: 201"
    second = client.put("/books/7", json={"title": "Persuasion", "author": "Jane Austen"})
    assert second.status_code == 200, "PUT to an existing URL replaces it: 200"
    assert client.get("/books/7").get_json() == {"id": 7, "title": "Persuasion", "author": "Jane Austen"}


@pytest.mark.task(taskno=3)
def test_put_is_idempotent(client: FlaskClient) -> None:
    body = {"title": "Emma", "author": "Jane Austen"}
    client.put("/books/3", json=body)
    after_one = client.get("/books").get_json()
    client.put("/books/3", json=body)
    assert client.get("/books").get_json() == after_one, "sending the same PUT twice must leave the same state"


@pytest.mark.task(taskno=3)
def test_put_validates_like_post(client: FlaskClient) -> None:
    assert client.put("/books/1", json={"title": "Emma"}).status_code == 400, "PUT sends the whole resource: 400"


@pytest.mark.task(taskno=3)
def test_delete_answers_204_then_404(client: FlaskClient) -> None:
    book = _create(client)
    first = client.delete(f"/books/{book['id']}")
    assert first.status_code == 204, "a successful DELETE is 204 No Content"
    assert first.data == b"", "204 has no body"
    assert client.get(f"/books/{book['id']}").status_code == 404, "the book must be gone"
    assert client.delete(f"/books/{book['id']}").status_code == 404, "deleting it again finds nothing: 404"


@pytest.mark.task(taskno=4)
def test_errors_are_json(client: FlaskClient) -> None:
    response = client.get("/books/99")
    assert response.is_json, "an API answers errors in JSON, not Flask's HTML page"
    assert "99" in response.get_json()["error"], "say which book was not found"


@pytest.mark.task(taskno=4)
def test_405_keeps_its_allow_header(client: FlaskClient) -> None:
    response = client.patch("/books/1", json={})
    assert response.status_code == 405
    assert response.is_json, "405 must be JSON too"
    allowed = {method.strip() for method in response.headers.get("Allow", "").split(",")}
    assert {"GET", "PUT", "DELETE"} <= allowed, (
        f"405 must say which methods are allowed; Allow was {response.headers.get('Allow')!r}: "
        "start from error.get_response() so the error's own headers survive"
    )


@pytest.mark.task(taskno=4)
def test_unknown_url_is_json_404(client: FlaskClient) -> None:
    response = client.get("/nope")
    assert response.status_code == 404
    assert response.is_json, "unknown URLs answer JSON too"
    assert "error" in response.get_json()
