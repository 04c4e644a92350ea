"""SQL basics with sqlite3: a small library catalogue, queried safely."""

import sqlite3

_CREATE_BOOKS = """
CREATE TABLE IF NOT EXISTS books (
    id     INTEGER PRIMARY KEY,
    title  TEXT    NOT NULL,
    author TEXT    NOT NULL,
    year   INTEGER NOT NULL
)
"""


def create_books_table(conn: sqlite3.Connection) -> None:
    """Create the `books` table (id, title, author, year) unless it already exists."""
    with conn:
        conn.execute(_CREATE_BOOKS)


def add_book(conn: sqlite3.Connection, title: str, author: str, year: int) -> int:
    """Insert one book with a parameterised query, commit, and return its new id."""
    with conn:  # commits on success, rolls back on an exception
        cursor = conn.execute(
            "INSERT INTO books (title, author, year) VALUES (?, ?, ?)",
            (title, author, year),
        )
    if cursor.lastrowid is None:
        raise RuntimeError("sqlite3 did not report the new row's id")
    return cursor.lastrowid


def books_by(conn: sqlite3.Connection, author: str) -> list[tuple[str, int]]:
    """Return (title, year) of the author's books, oldest first, then by title."""
    rows = conn.execute(
        "SELECT title, year FROM books WHERE author = ? ORDER BY year, title",
        (author,),
    )
    return [(title, year) for title, year in rows]


def _escape_like(text: str, escape: str = "\\") -> str:
    """Make LIKE's wildcards (% and _) and the escape character itself match literally."""
    return text.replace(escape, escape * 2).replace("%", escape + "%").replace("_", escape + "_")


def search_titles(conn: sqlite3.Connection, fragment: str) -> list[str]:
    """Return the titles containing `fragment` (any case; % and _ match literally), sorted."""
    rows = conn.execute(
        "SELECT title FROM books WHERE title LIKE '%' || ? || '%' ESCAPE '\\' ORDER BY title",
        (_escape_like(fragment),),
    )
    return [title for (title,) in rows]
