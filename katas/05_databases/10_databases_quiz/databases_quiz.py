"""Databases quiz: a small lending library whose numbers stay true, even when two requests race.

Tables (made by the tests):
    members(id, name UNIQUE)
    books(id, title, copies CHECK (copies >= 0))
    loans(member_id -> members.id, book_id -> books.id, PRIMARY KEY (member_id, book_id))
"""

from sqlalchemy import Engine


class LendingError(Exception):
    """A loan or a return that cannot happen; the message says why."""


def lend(engine: Engine, member_id: int, book_id: int) -> None:
    """Lend a copy of the book to the member, in one transaction; LendingError when it cannot be done."""
    raise NotImplementedError("lend: write me (task 1)")


def give_back(engine: Engine, member_id: int, book_id: int) -> None:
    """Take a book back, in one transaction; LendingError when the member does not have it."""
    raise NotImplementedError("give_back: write me (task 2)")


def borrowers(engine: Engine) -> list[tuple[str, int]]:
    """(member name, books on loan) for every member, most first, ties by name."""
    raise NotImplementedError("borrowers: write me (task 3)")
