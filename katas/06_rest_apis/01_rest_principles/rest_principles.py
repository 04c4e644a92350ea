"""REST principles: one resource collection, the right methods and the right status codes."""

from __future__ import annotations

from typing import TypedDict

from flask import Blueprint, Response, current_app
from werkzeug.exceptions import HTTPException
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


@books.get("/books")
def list_books() -> Response:
    """Task 1: every book, ordered by id."""
    raise NotImplementedError("list_books: write me (task 1)")


@books.get("/books/<int:book_id>")
def get_book(book_id: int) -> Response:
    """Task 1: one book, or 404."""
    raise NotImplementedError("get_book: write me (task 1)")


@books.post("/books")
def create_book() -> tuple[Response, int, dict[str, str]]:
    """Task 2: 201 Created, a Location header, and the new book as the body; 400 for a bad body."""
    raise NotImplementedError("create_book: write me (task 2)")


@books.put("/books/<int:book_id>")
def replace_book(book_id: int) -> tuple[Response, int]:
    """Task 3: replace the whole book at this URL (201 if it is new, 200 if it existed)."""
    raise NotImplementedError("replace_book: write me (task 3)")


@books.delete("/books/<int:book_id>")
def delete_book(book_id: int) -> tuple[str, int]:
    """Task 3: 204 No Content, or 404 when there is nothing to delete."""
    raise NotImplementedError("delete_book: write me (task 3)")


def handle_http_error(error: HTTPException) -> BaseResponse:
    """Task 4: every HTTP error as JSON `{"error": ...}`, keeping the error's headers (such as Allow)."""
    raise NotImplementedError("handle_http_error: write me (task 4)")
