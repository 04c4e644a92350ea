"""Tests for the ORM-relationships kata, on SQLite and (when DATABASE_URL is set) PostgreSQL.

Queries are counted with a `before_cursor_execute` event listener on the engine.

Mistakes these tests catch: `year` or `author_id` left nullable, no foreign
key, `back_populates` missing on one side (the other side does not update in
memory), books in insertion order instead of by year, books orphaned when their
author is deleted (no cascade), an inner join that drops authors without books
(or `count(*)` that counts them as 1), ties not broken by name, the N+1 trap:
touching `author.books` or `book.author` in a loop without `selectinload` /
`joinedload` (one extra query per row).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from orm_relationships import (
    Author,
    Base,
    Book,
    authors_with_book_counts,
    books_by_author,
    books_with_authors,
    catalogue,
)
from sqlalchemy import Engine, event, func, inspect, select
from sqlalchemy.orm import Session

LIBRARY = {
    "Austen": [("Emma", 1815), ("Pride and Prejudice", 1813), ("Persuasion", 1817)],
    "Borges": [("The Aleph", 1949), ("Ficciones", 1944)],
    "Calvino": [("Invisible Cities", 1972), ("Mr Palomar", 1983)],
    "Dickinson": [],
}

# Inserted out of order, with ties: only ORDER BY can put these in the expected order.
SHUFFLED = {
    "Woolf": [("The Waves", 1931), ("Orlando", 1928)],
    "Zola": [("Germinal", 1885), ("Nana", 1880), ("La Terre", 1887), ("L'Assommoir", 1877)],
    "Poe": [("The Raven", 1845), ("Tales", 1845)],
    "Eliot": [("Poems", 1920)],
    "Borges": [("Poems", 1923), ("Ficciones", 1944)],
    "Sappho": [],
}


def require_models() -> None:
    """Task 1 comes first: fail with a clear message while the models lack their new attributes."""
    missing = [f"Book.{name}" for name in ("year", "author_id", "author") if name not in inspect(Book).attrs]
    missing += [] if "books" in inspect(Author).attrs else ["Author.books"]
    assert not missing, f"do task 1 first: the models still lack {', '.join(missing)}"


@pytest.fixture
def db(engine: Engine) -> Engine:
    """The engine, with your models' tables created in the empty database."""
    Base.metadata.create_all(engine)
    return engine


def fill(engine: Engine, library: dict[str, list[tuple[str, int]]]) -> None:
    """Store the authors and their books through the relationship, and commit."""
    require_models()
    with Session(engine) as session:
        for name, books in library.items():
            author = Author(name=name)
            author.books.extend(Book(title=title, year=year) for title, year in books)
            session.add(author)
        session.commit()


@contextmanager
def count_queries(engine: Engine) -> Iterator[list[str]]:
    """Collect every SQL statement the engine sends while the block runs."""
    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


@pytest.mark.task(taskno=1)
def test_book_year_and_author_are_required_and_linked(db: Engine) -> None:
    require_models()
    columns = inspect(db).get_columns("books")
    nullable = {column["name"]: column["nullable"] for column in columns}
    assert nullable.get("year") is False, "Book.year should be Mapped[int] (NOT NULL), not Mapped[int | None]"
    assert nullable.get("author_id") is False, "every book needs an author: author_id NOT NULL"
    links = [(fk["constrained_columns"], fk["referred_table"]) for fk in inspect(db).get_foreign_keys("books")]
    assert links == [(["author_id"], "authors")], f"books.author_id should be a ForeignKey('authors.id'): {links}"


@pytest.mark.task(taskno=1)
def test_relationship_updates_both_sides_in_memory() -> None:
    require_models()
    author = Author(name="Le Guin")
    book = Book(title="The Dispossessed", year=1974, author=author)
    assert author.books == [book], "setting book.author should add the book to author.books: use back_populates"


@pytest.mark.task(taskno=1)
def test_author_books_come_oldest_first(db: Engine) -> None:
    fill(db, LIBRARY)
    with Session(db) as session:
        austen = session.scalars(select(Author).where(Author.name == "Austen")).one()
        titles = [book.title for book in austen.books]
    assert titles == ["Pride and Prejudice", "Emma", "Persuasion"], (
        f"Author.books should be ordered by year, got {titles}: relationship(..., order_by=...)"
    )


@pytest.mark.task(taskno=1)
def test_deleting_an_author_deletes_their_books(db: Engine) -> None:
    fill(db, LIBRARY)
    with Session(db) as session:
        session.delete(session.scalars(select(Author).where(Author.name == "Borges")).one())
        session.commit()
        left = session.scalar(select(func.count()).select_from(Book))
    assert left == 5, f"Borges' 2 books should go with him (cascade='all, delete-orphan'), {left} books left"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("name", "titles"),
    [("Austen", ["Pride and Prejudice", "Emma", "Persuasion"]), ("Dickinson", []), ("Nobody", [])],
)
def test_books_by_author_lists_titles_oldest_first(db: Engine, name: str, titles: list[str]) -> None:
    fill(db, LIBRARY)
    with Session(db) as session:
        assert books_by_author(session, name) == titles, f"books_by_author({name!r}) should be {titles}"


@pytest.mark.task(taskno=2)
def test_authors_with_book_counts_keeps_authors_without_books(db: Engine) -> None:
    fill(db, LIBRARY)
    with Session(db) as session:
        counts = authors_with_book_counts(session)
    assert counts == [("Austen", 3), ("Borges", 2), ("Calvino", 2), ("Dickinson", 0)], (
        "outer join books, count(Book.id) (not count(*)), most books first, ties by name"
    )


@pytest.mark.task(taskno=2)
def test_books_of_the_same_year_are_ordered_by_title(db: Engine) -> None:
    fill(db, SHUFFLED)
    with Session(db) as session:
        assert books_by_author(session, "Poe") == ["Tales", "The Raven"], (
            "two books of one year: break the tie by title, .order_by(Book.year, Book.title)"
        )


@pytest.mark.task(taskno=2)
def test_book_counts_sort_by_count_then_name_whatever_the_insert_order(db: Engine) -> None:
    fill(db, SHUFFLED)
    with Session(db) as session:
        counts = authors_with_book_counts(session)
    assert counts == [("Zola", 4), ("Borges", 2), ("Poe", 2), ("Woolf", 2), ("Eliot", 1), ("Sappho", 0)], (
        "order by the count, highest first, then by name: .order_by(count.desc(), Author.name)"
    )


@pytest.mark.task(taskno=3)
def test_catalogue_lists_authors_by_name(db: Engine) -> None:
    fill(db, SHUFFLED)
    with Session(db) as session:
        names = list(catalogue(session))
    assert names == ["Borges", "Eliot", "Poe", "Sappho", "Woolf", "Zola"], (
        "the catalogue's keys come in name order: select(Author)...order_by(Author.name)"
    )


@pytest.mark.task(taskno=3)
def test_catalogue_maps_authors_to_titles(db: Engine) -> None:
    fill(db, LIBRARY)
    with Session(db) as session:
        assert catalogue(session) == {
            "Austen": ["Pride and Prejudice", "Emma", "Persuasion"],
            "Borges": ["Ficciones", "The Aleph"],
            "Calvino": ["Invisible Cities", "Mr Palomar"],
            "Dickinson": [],
        }


@pytest.mark.task(taskno=3)
def test_catalogue_avoids_one_query_per_author(db: Engine) -> None:
    fill(db, {f"Author {n:02}": [(f"Book {n:02}a", 2000 + n), (f"Book {n:02}b", 2001 + n)] for n in range(12)})
    with Session(db) as session, count_queries(db) as statements:
        result = catalogue(session)
    assert len(result) == 12, "all twelve authors should be in the catalogue"
    assert len(statements) <= 2, (
        f"catalogue ran {len(statements)} queries for 12 authors (the N+1 problem): "
        "load the books up front with .options(selectinload(Author.books))"
    )


@pytest.mark.task(taskno=3)
def test_books_with_authors_uses_a_single_query(db: Engine) -> None:
    fill(db, LIBRARY)
    with Session(db) as session, count_queries(db) as statements:
        pairs = books_with_authors(session)
    assert pairs[:3] == [("Emma", "Austen"), ("Ficciones", "Borges"), ("Invisible Cities", "Calvino")], (
        f"expected (title, author name) pairs sorted by title, got {pairs[:3]}"
    )
    assert len(pairs) == 7, "every book appears once"
    assert len(statements) == 1, (
        f"books_with_authors ran {len(statements)} queries: join the author in the same query "
        "(.options(joinedload(Book.author)) or select(Book.title, Author.name).join(...))"
    )
