"""A GraphQL API for books with strawberry: queries, a mutation, and a DataLoader against the N+1 problem."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import strawberry
from strawberry.dataloader import DataLoader


@dataclass
class AuthorRow:
    id: int
    name: str


@dataclass
class BookRow:
    id: int
    title: str
    year: int
    author_id: int


@dataclass
class Store:
    """The data source. `author_batches` records every call to `authors_by_ids`, so tests can count queries."""

    authors: dict[int, AuthorRow] = field(default_factory=dict)
    books: list[BookRow] = field(default_factory=list)
    author_batches: list[list[int]] = field(default_factory=list)

    def authors_by_ids(self, ids: Sequence[int]) -> list[AuthorRow | None]:
        """One round trip for many authors (think `SELECT ... WHERE id IN (...)`), in the order of `ids`."""
        self.author_batches.append(list(ids))
        return [self.authors.get(author_id) for author_id in ids]

    def add_book(self, title: str, year: int, author_id: int) -> BookRow:
        row = BookRow(
            id=max((book.id for book in self.books), default=0) + 1, title=title, year=year, author_id=author_id
        )
        self.books.append(row)
        return row


def sample_store() -> Store:
    """Three authors, four books."""
    authors = {1: AuthorRow(1, "Ursula K. Le Guin"), 2: AuthorRow(2, "Ted Chiang"), 3: AuthorRow(3, "N. K. Jemisin")}
    books = [
        BookRow(1, "A Wizard of Earthsea", 1968, 1),
        BookRow(2, "The Dispossessed", 1974, 1),
        BookRow(3, "Stories of Your Life and Others", 2002, 2),
        BookRow(4, "The Fifth Season", 2015, 3),
    ]
    return Store(authors=authors, books=books)


@dataclass
class Context:
    """Per-request context: the store and a fresh DataLoader (a loader caches, so it must not outlive a request)."""

    store: Store
    author_loader: DataLoader[int, AuthorRow | None]


def make_context(store: Store) -> Context:
    """The context for one request."""

    async def load_authors(ids: list[int]) -> Sequence[AuthorRow | None]:
        return store.authors_by_ids(ids)

    return Context(store=store, author_loader=DataLoader(load_fn=load_authors))


Info = strawberry.Info[Context, None]


@strawberry.type
class Author:
    id: strawberry.ID
    name: str


@strawberry.type
class Book:
    id: strawberry.ID
    title: str
    year: int
    author_id: strawberry.Private[int]

    @strawberry.field
    async def author(self, info: Info) -> Author | None:
        """The book's author, loaded in one batch with every other author of the same request."""
        row = await info.context.author_loader.load(self.author_id)
        return None if row is None else Author(id=strawberry.ID(str(row.id)), name=row.name)


def to_book(row: BookRow) -> Book:
    return Book(id=strawberry.ID(str(row.id)), title=row.title, year=row.year, author_id=row.author_id)


@strawberry.type
class Query:
    @strawberry.field
    def books(self, info: Info, published_after: int | None = None) -> list[Book]:
        """All books, oldest first; only those published after `published_after` when it is given."""
        rows = [row for row in info.context.store.books if published_after is None or row.year > published_after]
        return [to_book(row) for row in sorted(rows, key=lambda row: (row.year, row.id))]

    @strawberry.field
    def book(self, info: Info, id: strawberry.ID) -> Book | None:
        """One book by id, or null."""
        return next((to_book(row) for row in info.context.store.books if str(row.id) == id), None)


@strawberry.input
class AddBookInput:
    title: str
    year: int
    author_id: strawberry.ID


@strawberry.type
class Mutation:
    @strawberry.mutation
    def add_book(self, info: Info, book: AddBookInput) -> Book:
        """Add a book. Errors (in the GraphQL response) for a blank title, a year before 1450 or an unknown author."""
        title = book.title.strip()
        if not title:
            raise ValueError("title must not be blank")
        if book.year < 1450:
            raise ValueError("year must be 1450 or later")
        store = info.context.store
        if not (book.author_id.isascii() and book.author_id.isdigit()) or int(book.author_id) not in store.authors:
            raise ValueError(f"no author with id {book.author_id}")
        return to_book(store.add_book(title, book.year, int(book.author_id)))


schema = strawberry.Schema(query=Query, mutation=Mutation)
