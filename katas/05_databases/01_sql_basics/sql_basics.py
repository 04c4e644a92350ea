"""SQL basics with sqlite3: a small library catalogue, queried safely."""

import sqlite3


def create_books_table(conn: sqlite3.Connection) -> None:
    """Create the `books` table (id, title, author, year) unless it already exists."""
    raise NotImplementedError("create_books_table: write me (task 1)")


def add_book(conn: sqlite3.Connection, title: str, author: str, year: int) -> int:
    """Insert one book with a parameterised query, commit, and return its new id."""
    raise NotImplementedError("add_book: write me (task 2)")


def books_by(conn: sqlite3.Connection, author: str) -> list[tuple[str, int]]:
    """Return (title, year) of the author's books, oldest first, then by title."""
    raise NotImplementedError("books_by: write me (task 3)")


def search_titles(conn: sqlite3.Connection, fragment: str) -> list[str]:
    """Return the titles containing `fragment` (any case; % and _ match literally), sorted."""
    raise NotImplementedError("search_titles: write me (task 4)")
