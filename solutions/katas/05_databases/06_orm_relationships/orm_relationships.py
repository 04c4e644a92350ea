"""SQLAlchemy 2 ORM: typed models, a one-to-many relationship, and queries without N+1."""

from sqlalchemy import ForeignKey, String, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, joinedload, mapped_column, relationship, selectinload


class Base(DeclarativeBase):
    """The registry every model of this kata belongs to."""


class Author(Base):
    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    books: Mapped[list["Book"]] = relationship(
        back_populates="author", order_by="Book.year", cascade="all, delete-orphan"
    )


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    year: Mapped[int]
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"), index=True)
    author: Mapped[Author] = relationship(back_populates="books")


def books_by_author(session: Session, name: str) -> list[str]:
    """Return the titles of the named author's books, oldest first ([] for an unknown author)."""
    query = select(Book.title).join(Book.author).where(Author.name == name).order_by(Book.year, Book.title)
    return list(session.scalars(query))


def authors_with_book_counts(session: Session) -> list[tuple[str, int]]:
    """Return (author name, number of books) for every author, most books first, then by name."""
    count = func.count(Book.id).label("books")
    query = (
        select(Author.name, count)
        .outerjoin(Author.books)
        .group_by(Author.id, Author.name)
        .order_by(count.desc(), Author.name)
    )
    return [(name, books) for name, books in session.execute(query)]


def catalogue(session: Session) -> dict[str, list[str]]:
    """Map every author's name (sorted) to their titles, oldest first, in at most two queries."""
    # selectinload: one query for the authors, one `WHERE author_id IN (...)` for all their books.
    authors = session.scalars(select(Author).options(selectinload(Author.books)).order_by(Author.name))
    return {author.name: [book.title for book in author.books] for author in authors}


def books_with_authors(session: Session) -> list[tuple[str, str]]:
    """Return (title, author name) for every book, by title, in a single query."""
    # joinedload fits a many-to-one: each book row simply carries its author's columns.
    books = session.scalars(select(Book).options(joinedload(Book.author)).order_by(Book.title, Book.id))
    return [(book.title, book.author.name) for book in books]
