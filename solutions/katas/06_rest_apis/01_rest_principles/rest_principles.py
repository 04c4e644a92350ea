"""REST principles: one resource collection, the right methods and the right status codes."""

from __future__ import annotations

from typing import Any, TypedDict

from flask import Blueprint, Response, current_app, jsonify, request, url_for
from werkzeug.exceptions import BadRequest, HTTPException, NotFound
from werkzeug.wrappers import Response as BaseResponse

books = Blueprint("books", __name__)

NOT_AN_OBJECT = "the body must be a JSON object"
BAD_FIELD = "{field} must be a non-blank string"  # BAD_FIELD.format(field="title")


class Book(TypedDict):
    id: int
    title: str
    author: str


class BookStore:
    """An in-memory table of books keyed by id."""

    def __init__(self) -> None:
        self.rows: dict[int, Book] = {}
        self._last_id = 0

    def next_id(self) -> int:
        """A fresh id: above every id handed out before and every id in use (PUT may choose its own)."""
        self._last_id = max(self._last_id, *self.rows, 0) + 1
        return self._last_id


def _store() -> BookStore:
    store: BookStore = current_app.extensions["books"]
    return store


def _book_or_404(book_id: int) -> Book:
    try:
        return _store().rows[book_id]
    except KeyError:
        raise NotFound(f"book {book_id} not found") from None


def _fields_from_body() -> tuple[str, str]:
    """The title and author of the JSON body; 400 (naming the first bad field) when one is missing or blank."""
    body: Any = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise BadRequest(NOT_AN_OBJECT)
    for field in ("title", "author"):
        value = body.get(field)
        if not isinstance(value, str) or not value.strip():
            raise BadRequest(BAD_FIELD.format(field=field))
    return body["title"], body["author"]


@books.get("/books")
def list_books() -> Response:
    """Task 1: every book, ordered by id."""
    return jsonify([book for _, book in sorted(_store().rows.items())])


@books.get("/books/<int:book_id>")
def get_book(book_id: int) -> Response:
    """Task 1: one book, or 404."""
    return jsonify(_book_or_404(book_id))


@books.post("/books")
def create_book() -> tuple[Response, int, dict[str, str]]:
    """Task 2: 201 Created, a Location header, and the new book as the body."""
    title, author = _fields_from_body()
    store = _store()
    book = Book(id=store.next_id(), title=title, author=author)
    store.rows[book["id"]] = book
    return jsonify(book), 201, {"Location": url_for("books.get_book", book_id=book["id"])}


@books.put("/books/<int:book_id>")
def replace_book(book_id: int) -> tuple[Response, int]:
    """Task 3: replace the whole book at this URL (201 if it is new, 200 if it existed)."""
    title, author = _fields_from_body()
    store = _store()
    existed = book_id in store.rows
    store.rows[book_id] = Book(id=book_id, title=title, author=author)
    return jsonify(store.rows[book_id]), 200 if existed else 201


@books.delete("/books/<int:book_id>")
def delete_book(book_id: int) -> tuple[str, int]:
    """Task 3: 204 No Content, or 404 when there is nothing to delete."""
    _book_or_404(book_id)
    del _store().rows[book_id]
    return "", 204


def handle_http_error(error: HTTPException) -> BaseResponse:
    """Task 4: every HTTP error as JSON `{"error": ...}`, keeping the error's headers (such as Allow)."""
    response = error.get_response()
    response.data = jsonify(error=error.description).get_data()
    response.content_type = "application/json"
    return response
