"""Milestone 1: member kinds, the catalogue and copies.

Mistakes these tests catch: one loan limit or loan period for every kind
(no polymorphism), fines without a cap or with the wrong daily rate, staff
fined, a negative lateness accepted, copies numbered from 0 or sharing ids
across books, a second book or member silently replacing the first, unknown
ids raising KeyError instead of NotFoundError, the library's dicts and lists
exposed as public attributes or returned for callers to mutate.
"""

import dataclasses

import pytest
from library import (
    Book,
    CopyStatus,
    DuplicateError,
    Library,
    NotFoundError,
    StaffMember,
    StandardMember,
    StudentMember,
    make_member,
)


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("member", "limit", "days"),
    [(StandardMember("a", "Ann"), 3, 21), (StudentMember("s", "Sam"), 5, 14), (StaffMember("t", "Tia"), 10, 42)],
    ids=["standard", "student", "staff"],
)
def test_each_kind_of_member_has_its_own_limit_and_loan_period(member, limit: int, days: int) -> None:
    assert (member.loan_limit, member.loan_days) == (limit, days), (
        f"a {member.kind} member may borrow {limit} copies for {days} days"
    )


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("member", "days_late", "cents"),
    [
        (StandardMember("a", "Ann"), 0, 0),
        (StandardMember("a", "Ann"), 3, 75),
        (StandardMember("a", "Ann"), 100, 1000),
        (StudentMember("s", "Sam"), 3, 30),
        (StudentMember("s", "Sam"), 31, 300),
        (StaffMember("t", "Tia"), 365, 0),
    ],
)
def test_fine_policies_differ_by_kind(member, days_late: int, cents: int) -> None:
    assert member.fine_for(days_late) == cents, (
        f"{member.kind}, {days_late} days late: {cents} cents (standard 25/day up to 1000, "
        "student 10/day up to 300, staff never)"
    )


@pytest.mark.task(taskno=1)
def test_lateness_cannot_be_negative() -> None:
    with pytest.raises(ValueError, match="negative"):
        StandardMember("a", "Ann").fine_for(-1)


@pytest.mark.task(taskno=1)
def test_make_member_picks_the_class_by_kind() -> None:
    member = make_member("student", "s9", "Sue")
    assert type(member) is StudentMember
    assert (member.member_id, member.name, member.kind) == ("s9", "Sue", "student")
    with pytest.raises(ValueError, match="wizard") as raised:
        make_member("wizard", "w1", "Merlin")
    assert "standard, student, staff" in str(raised.value), (
        f"the message lists the kinds to choose from, 'standard, student, staff': {raised.value}"
    )


@pytest.mark.task(taskno=1)
def test_copies_get_numbered_ids_and_start_available(clock) -> None:
    library = Library(clock)
    assert library.add_book("dune", "Dune", "Frank Herbert") == Book("dune", "Dune", "Frank Herbert"), (
        "add_book returns the Book it catalogued, with its ISBN, title and author"
    )
    library.add_book("emma", "Emma", "Jane Austen")
    assert [library.add_copy("dune"), library.add_copy("dune"), library.add_copy("emma")] == [
        "dune-c1",
        "dune-c2",
        "emma-c1",
    ], "a copy's id is the ISBN, '-c', and its number among that book's copies, from 1"
    assert library.copies_of("dune") == ("dune-c1", "dune-c2")
    assert library.available_copies("dune") == ("dune-c1", "dune-c2")
    assert library.status_of("emma-c1") is CopyStatus.AVAILABLE
    assert library.book("emma") == Book("emma", "Emma", "Jane Austen"), "book(isbn) gives back what add_book stored"


@pytest.mark.task(taskno=1)
def test_rejects_duplicate_books_and_members(stocked) -> None:
    library = stocked()
    with pytest.raises(DuplicateError, match="dune"):  # the message names the id that is taken
        library.add_book("dune", "Dune Messiah", "Frank Herbert")
    with pytest.raises(DuplicateError, match="ann"):
        library.add_member(StudentMember("ann", "Another Ann"))
    assert library.book("dune").title == "Dune", "a rejected duplicate must not replace the original"
    assert library.member("ann").name == "Ann"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("call", "unknown"),
    [
        (lambda lib: lib.book("nope"), "nope"),
        (lambda lib: lib.member("nobody"), "nobody"),
        (lambda lib: lib.add_copy("nope"), "nope"),
        (lambda lib: lib.status_of("dune-c9"), "dune-c9"),
    ],
    ids=["book", "member", "add_copy", "status_of"],
)
def test_unknown_ids_raise_not_found(stocked, call, unknown: str) -> None:
    library = stocked()
    with pytest.raises(NotFoundError) as raised:
        call(library)
    assert unknown in str(raised.value), f"the message names the id that was not found ({unknown!r}): {raised.value}"


@pytest.mark.task(taskno=1)
def test_state_changes_only_through_methods(stocked) -> None:
    library = stocked()
    public = [name for name in vars(library) if not name.startswith("_")]
    assert not public, f"keep the library's data private (prefix with _); public attributes: {public}"
    assert isinstance(library.books(), tuple), "queries return tuples, not the internal lists"
    assert [book.isbn for book in library.books()] == ["dune", "emma", "ulysses"]
    assert [member.member_id for member in library.members()] == ["ann", "sam", "tia"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        library.book("dune").title = "Changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        library.member("ann").name = "Changed"  # type: ignore[misc]
