"""SQLAlchemy 2 ORM: typed models, a one-to-many relationship, and queries without N+1."""

from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    """The registry every model of this kata belongs to."""


class Author(Base):
    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    # TODO task 1: `books`, this author's Book objects, oldest first; deleting an author deletes them


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    # TODO task 1: `year` (int), `author_id` (required foreign key to authors.id) and `author`


def books_by_author(session: Session, name: str) -> list[str]:
    """Return the titles of the named author's books, oldest first ([] for an unknown author)."""
    raise NotImplementedError("books_by_author: write me (task 2)")


def authors_with_book_counts(session: Session) -> list[tuple[str, int]]:
    """Return (author name, number of books) for every author, most books first, then by name."""
    raise NotImplementedError("authors_with_book_counts: write me (task 2)")


def catalogue(session: Session) -> dict[str, list[str]]:
    """Map every author's name (sorted) to their titles, oldest first, in at most two queries."""
    raise NotImplementedError("catalogue: write me (task 3)")


def books_with_authors(session: Session) -> list[tuple[str, str]]:
    """Return (title, author name) for every book, by title, in a single query."""
    raise NotImplementedError("books_with_authors: write me (task 3)")
