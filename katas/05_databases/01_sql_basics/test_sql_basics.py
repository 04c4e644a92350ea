"""Tests for the SQL-basics kata (Python's built-in sqlite3).

Mistakes these tests catch: a table without NOT NULL columns, CREATE TABLE
without IF NOT EXISTS (a second call crashes), values pasted into the SQL with
an f-string (a quote in a title breaks it, and `x' OR '1'='1` returns every
book), an insert that is never committed (another connection cannot see it),
the id not returned, results in insertion order instead of by year then title,
a search that only matches the same case, `%` or `_` in the search text
treated as wildcards.
"""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sql_basics import add_book, books_by, create_books_table, search_titles

BOOKS = [
    ("Dune Messiah", "Frank Herbert", 1969),
    ("Dune", "Frank Herbert", 1965),
    ("Children of Dune", "Frank Herbert", 1976),
    ("The Green Brain", "Frank Herbert", 1966),
    ("Destination: Void", "Frank Herbert", 1966),
    ("The Left Hand of Darkness", "Ursula K. Le Guin", 1969),
    ("A Wizard of Earthsea", "Ursula K. Le Guin", 1968),
    ("100% Done_ish", "Anon", 2001),
]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where this test's fresh SQLite database file lives."""
    return tmp_path / "library.db"


@pytest.fixture
def conn(db_path: Path) -> Iterator[sqlite3.Connection]:
    """A connection to an empty database file, closed after the test."""
    connection = sqlite3.connect(db_path)
    try:
        yield connection
    finally:
        connection.close()


@pytest.fixture
def library(conn: sqlite3.Connection) -> sqlite3.Connection:
    """A books table made by the test itself (not your code), filled with BOOKS."""
    conn.execute("CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, author TEXT NOT NULL, year INTEGER)")
    conn.executemany("INSERT INTO books (title, author, year) VALUES (?, ?, ?)", BOOKS)
    conn.commit()
    return conn


@pytest.mark.task(taskno=1)
def test_create_books_table_has_the_four_columns(conn: sqlite3.Connection) -> None:
    create_books_table(conn)
    columns = {row[1]: row for row in conn.execute("PRAGMA table_info(books)")}
    assert set(columns) == {"id", "title", "author", "year"}, f"books should have id, title, author, year: {columns}"
    assert columns["id"][5] == 1, "id should be the PRIMARY KEY"
    for name in ("title", "author", "year"):
        assert columns[name][3] == 1, f"{name} should be NOT NULL"


@pytest.mark.task(taskno=1)
def test_create_books_table_twice_is_harmless(conn: sqlite3.Connection) -> None:
    create_books_table(conn)
    conn.execute("INSERT INTO books (title, author, year) VALUES ('Kept', 'Me', 2000)")
    conn.commit()
    try:
        create_books_table(conn)
    except sqlite3.OperationalError as error:
        pytest.fail(f"a second call should do nothing (CREATE TABLE IF NOT EXISTS), but: {error}")
    assert conn.execute("SELECT count(*) FROM books").fetchone() == (1,), "the existing rows must survive"


@pytest.mark.task(taskno=2)
def test_add_book_returns_the_new_id_and_commits(conn: sqlite3.Connection, db_path: Path) -> None:
    create_books_table(conn)
    first = add_book(conn, "Dune", "Frank Herbert", 1965)
    second = add_book(conn, "Emma", "Jane Austen", 1815)
    assert isinstance(first, int), f"add_book should return the new row's id (cursor.lastrowid), got {first!r}"
    assert second == first + 1, "each book gets the next id"
    other = sqlite3.connect(db_path)
    try:
        seen = other.execute("SELECT title, author, year FROM books ORDER BY id").fetchall()
    finally:
        other.close()
    assert seen == [("Dune", "Frank Herbert", 1965), ("Emma", "Jane Austen", 1815)], (
        "another connection should see both books: did you commit?"
    )


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    "title",
    ["O'Brien's Tale", "Robert'); DROP TABLE books;--", 'Say "hi"', "semi;colon"],
)
def test_add_book_stores_quotes_and_sql_literally(conn: sqlite3.Connection, title: str) -> None:
    create_books_table(conn)
    try:
        add_book(conn, title, "Bobby Tables", 2009)
    except sqlite3.Error as error:
        pytest.fail(f"{title!r} broke the SQL ({error}): pass values as ? parameters, never inside the SQL text")
    stored = conn.execute("SELECT title FROM books").fetchall()
    assert stored == [(title,)], f"the title must be stored exactly as given, got {stored}"


@pytest.mark.task(taskno=3)
def test_books_by_orders_by_year_then_title(library: sqlite3.Connection) -> None:
    assert books_by(library, "Frank Herbert") == [
        ("Dune", 1965),
        ("Destination: Void", 1966),
        ("The Green Brain", 1966),
        ("Dune Messiah", 1969),
        ("Children of Dune", 1976),
    ], "books_by should list the author's books oldest first, and books of one year by title (ORDER BY year, title)"


@pytest.mark.task(taskno=3)
def test_books_by_unknown_author_is_empty(library: sqlite3.Connection) -> None:
    assert books_by(library, "Nobody") == [], "an author with no books gives an empty list"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("attack", ["x' OR '1'='1", "' OR 1=1 --", "Anon' --"])
def test_books_by_is_not_open_to_sql_injection(library: sqlite3.Connection, attack: str) -> None:
    try:
        found = books_by(library, attack)
    except sqlite3.Error as error:
        pytest.fail(f"{attack!r} changed your SQL ({error}): use a ? placeholder for the author")
    assert found == [], f"{attack!r} is just a (strange) author name with no books, but it returned {found}"
    assert library.execute("SELECT count(*) FROM books").fetchone() == (len(BOOKS),), "the table must be untouched"


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("dune", ["Children of Dune", "Dune", "Dune Messiah"]),
        ("EARTH", ["A Wizard of Earthsea"]),
        ("of", ["A Wizard of Earthsea", "Children of Dune", "The Left Hand of Darkness"]),
        ("zzz", []),
    ],
)
def test_search_titles_ignores_case_and_sorts(library: sqlite3.Connection, fragment: str, expected: list[str]) -> None:
    assert search_titles(library, fragment) == expected, f"search_titles({fragment!r}) should be {expected}"


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(("fragment", "expected"), [("%", ["100% Done_ish"]), ("_", ["100% Done_ish"]), ("Dun_", [])])
def test_search_titles_treats_wildcards_literally(
    library: sqlite3.Connection, fragment: str, expected: list[str]
) -> None:
    assert search_titles(library, fragment) == expected, (
        f"{fragment!r} should match only titles that really contain it: escape % and _ (LIKE ... ESCAPE)"
    )


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize("fragment", ["\\", "C:\\", "\\%"])
def test_search_titles_treats_the_escape_character_literally(library: sqlite3.Connection, fragment: str) -> None:
    library.execute("INSERT INTO books (title, author, year) VALUES (?, ?, ?)", ("C:\\% Backslash", "Anon", 2020))
    assert search_titles(library, fragment) == ["C:\\% Backslash"], (
        f"{fragment!r} should find the title with a backslash: escape the escape character first (\\ -> \\\\)"
    )
