"""Databases quiz: a small lending library whose numbers stay true, even when two requests race.

Tables (made by the tests):
    members(id, name UNIQUE)
    books(id, title, copies CHECK (copies >= 0))
    loans(member_id -> members.id, book_id -> books.id, PRIMARY KEY (member_id, book_id))
"""

from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError


class LendingError(Exception):
    """A loan or a return that cannot happen; the message says why."""


_TAKE_COPY = text("UPDATE books SET copies = copies - 1 WHERE id = :book AND copies >= 1")
_PUT_BACK = text("UPDATE books SET copies = copies + 1 WHERE id = :book")
_EXISTS = text(
    "SELECT (SELECT count(*) FROM members WHERE id = :member), (SELECT count(*) FROM books WHERE id = :book)"
)


def lend(engine: Engine, member_id: int, book_id: int) -> None:
    """Lend a copy of the book to the member, in one transaction; LendingError when it cannot be done."""
    try:
        with engine.begin() as conn:  # an error anywhere below rolls back the copy taken too
            members, books = conn.execute(_EXISTS, {"member": member_id, "book": book_id}).one()
            if not members or not books:
                raise LendingError(f"no member {member_id} or no book {book_id}")
            if conn.execute(_TAKE_COPY, {"book": book_id}).rowcount != 1:
                raise LendingError(f"no copy of book {book_id} is left")
            conn.execute(
                text("INSERT INTO loans (member_id, book_id) VALUES (:member, :book)"),
                {"member": member_id, "book": book_id},
            )
    except IntegrityError:  # the loans key: this member has this book already
        raise LendingError(f"member {member_id} already has book {book_id}") from None


def give_back(engine: Engine, member_id: int, book_id: int) -> None:
    """Take a book back, in one transaction; LendingError when the member does not have it."""
    with engine.begin() as conn:
        deleted = conn.execute(
            text("DELETE FROM loans WHERE member_id = :member AND book_id = :book"),
            {"member": member_id, "book": book_id},
        ).rowcount
        if deleted != 1:
            raise LendingError(f"member {member_id} does not have book {book_id}")
        conn.execute(_PUT_BACK, {"book": book_id})


def borrowers(engine: Engine) -> list[tuple[str, int]]:
    """(member name, books on loan) for every member, most first, ties by name."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                """
                SELECT m.name, COUNT(l.book_id) AS on_loan
                FROM members AS m
                LEFT JOIN loans AS l ON l.member_id = m.id
                GROUP BY m.id, m.name
                ORDER BY on_loan DESC, m.name
                """
            )
        )
        return [(name, int(on_loan)) for name, on_loan in rows]
