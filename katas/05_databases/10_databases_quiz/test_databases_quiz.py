"""Tests for the databases quiz, on SQLite and (when DATABASE_URL is set) PostgreSQL.

Mistakes these tests catch: a copy taken before the checks and never given back (a refused loan
loses a copy), a second loan of the same book to one member, lending the last copy twice when two
requests race (read, check in Python, write), a return that adds a copy although nothing was lent,
members without loans missing from the list (inner join), ties in any order.
"""

import threading
import time
from collections.abc import Iterator

import pytest
from databases_quiz import LendingError, borrowers, give_back, lend
from sqlalchemy import (
    CheckConstraint,
    Column,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    create_engine,
    event,
    insert,
    select,
    text,
)

from kata.fixtures import sqlalchemy_url

metadata = MetaData()
members = Table("members", metadata, Column("id", Integer, primary_key=True), Column("name", String(80), unique=True))
books = Table(
    "books",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", String(200), nullable=False),
    Column("copies", Integer, nullable=False),
    CheckConstraint("copies >= 0", name="no_negative_copies"),
)
loans = Table(
    "loans",
    metadata,
    Column("member_id", ForeignKey("members.id"), nullable=False),
    Column("book_id", ForeignKey("books.id"), nullable=False),
    PrimaryKeyConstraint("member_id", "book_id"),
)


def fill(engine: Engine) -> Engine:
    """Members 1 Zoe, 2 Ada, 3 Bo; books 1 Dune (2 copies), 2 Emma (1 copy)."""
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(members), [{"id": 1, "name": "Zoe"}, {"id": 2, "name": "Ada"}, {"id": 3, "name": "Bo"}])
        conn.execute(insert(books), [{"id": 1, "title": "Dune", "copies": 2}, {"id": 2, "title": "Emma", "copies": 1}])
    return engine


@pytest.fixture
def library(engine: Engine) -> Engine:
    """The filled library (tables made by the test, not by you)."""
    return fill(engine)


def copies(engine: Engine) -> dict[int, int]:
    with engine.connect() as conn:
        return {row.id: row.copies for row in conn.execute(select(books.c.id, books.c.copies))}


def loan_rows(engine: Engine) -> list[tuple[int, int]]:
    with engine.connect() as conn:
        query = select(loans.c.member_id, loans.c.book_id).order_by(loans.c.member_id, loans.c.book_id)
        return [(m, b) for m, b in conn.execute(query)]


@pytest.mark.task(taskno=1)
def test_lending_takes_a_copy_and_records_the_loan(library: Engine) -> None:
    lend(library, 2, 1)
    assert copies(library) == {1: 1, 2: 1}, f"Dune should have 1 copy left: {copies(library)}"
    assert loan_rows(library) == [(2, 1)], f"one loan (member 2, book 1): {loan_rows(library)}"


@pytest.mark.task(taskno=1)
def test_a_refused_loan_changes_nothing(library: Engine) -> None:
    lend(library, 2, 1)  # Ada has Dune (1 copy left)
    lend(library, 3, 2)  # Bo has Emma (none left)
    cases = [(1, 2, "no copy is left"), (2, 1, "Ada has it already"), (9, 1, "no such member"), (1, 9, "no such book")]
    for member, book, why in cases:
        before = (copies(library), loan_rows(library))
        with pytest.raises(LendingError):
            lend(library, member, book)
        after = (copies(library), loan_rows(library))
        assert after == before, f"lend({member}, {book}) was refused ({why}) but changed {before} to {after}"


@pytest.mark.task(taskno=1)
def test_a_member_cannot_borrow_the_same_book_twice(library: Engine) -> None:
    lend(library, 2, 1)
    with pytest.raises(LendingError, match="already"):
        lend(library, 2, 1)
    assert copies(library)[1] == 1, "the refused second loan must not take a copy"


@pytest.fixture
def postgres_library(postgres_schema_url: str) -> Iterator[Engine]:
    """The library on PostgreSQL, which runs transactions side by side."""
    engine = create_engine(sqlalchemy_url(postgres_schema_url))
    yield fill(engine)
    engine.dispose()


@pytest.mark.task(taskno=1)
def test_two_members_racing_for_the_last_copy(postgres_library: Engine) -> None:
    """Ada and Bo ask for Emma's only copy at the same moment: exactly one gets it."""
    postgres_library.dispose()
    pids: list[int] = []
    event.listen(postgres_library, "connect", lambda dbapi, _: pids.append(dbapi.info.backend_pid))
    outcomes: list[str] = []

    def ask(member: int) -> None:
        try:
            lend(postgres_library, member, 2)
            outcomes.append("lent")
        except LendingError:
            outcomes.append("refused")
        except Exception as error:  # shown in the assertion: an error in a thread is lost otherwise
            outcomes.append(repr(error))

    with postgres_library.connect() as holder:
        holder.execute(text("SELECT id FROM books WHERE id = 2 FOR UPDATE"))  # hold Emma's row
        threads = [threading.Thread(target=ask, args=(member,)) for member in (2, 3)]
        for thread in threads:
            thread.start()
        waiting = text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid = ANY(:pids)")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and holder.execute(waiting, {"pids": pids}).scalar_one() < 2:
            time.sleep(0.05)
            holder.execute(text("SELECT pg_stat_clear_snapshot()"))
        holder.rollback()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["lent", "refused"], (
        f"two loans of the last copy at once: one must be refused, got {outcomes}; copies {copies(postgres_library)}"
    )
    assert copies(postgres_library)[2] == 0, f"Emma's copies: {copies(postgres_library)}"
    assert len(loan_rows(postgres_library)) == 1, f"one loan: {loan_rows(postgres_library)}"


@pytest.mark.task(taskno=2)
def test_giving_back_returns_the_copy(library: Engine) -> None:
    lend(library, 2, 1)
    give_back(library, 2, 1)
    assert copies(library)[1] == 2, f"Dune should have its 2 copies again: {copies(library)}"
    assert loan_rows(library) == [], "the loan is gone"


@pytest.mark.task(taskno=2)
def test_giving_back_what_you_do_not_have_is_refused(library: Engine) -> None:
    lend(library, 2, 1)
    with pytest.raises(LendingError, match="does not have"):
        give_back(library, 3, 1)
    assert copies(library)[1] == 1, f"a refused return must not add a copy: {copies(library)}"
    assert loan_rows(library) == [(2, 1)]


@pytest.mark.task(taskno=3)
def test_borrowers_lists_everyone_most_loans_first_then_by_name(library: Engine) -> None:
    assert borrowers(library) == [("Ada", 0), ("Bo", 0), ("Zoe", 0)], "every member, with 0, by name"
    lend(library, 1, 1)
    lend(library, 3, 1)
    lend(library, 3, 2)
    assert borrowers(library) == [("Bo", 2), ("Zoe", 1), ("Ada", 0)], f"got {borrowers(library)}"
