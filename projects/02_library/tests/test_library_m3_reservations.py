"""Milestone 3: reservations and holds, and the invariants under random use.

Mistakes these tests catch: reservations accepted while a copy sits on the
shelf, a returned copy put back on the shelf although someone is waiting,
the queue served last-come first, a held copy lent to somebody else, a new
copy ignoring the queue, a member queued twice, and any sequence of
borrow/return/reserve/pay/time that lends a copy twice, lets a member pass
their limit, lets a member with fines borrow, or leaves a copy available
while someone waits for its book.
"""

from datetime import date

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from library import (
    CopyStatus,
    FixedClock,
    Library,
    LoanLimitReachedError,
    NoCopyAvailableError,
    ReservationError,
    StaffMember,
    StandardMember,
    StudentMember,
    UnpaidFinesError,
)


@pytest.mark.task(taskno=3)
def test_can_only_reserve_a_book_with_no_copy_on_the_shelf(stocked) -> None:
    library = stocked()
    with pytest.raises(ReservationError, match="borrow"):
        library.reserve("ann", "emma")
    library.borrow("sam", "emma")
    assert library.reserve("ann", "emma") == 1, "reserve returns the place in the queue, 1 for next"
    assert library.reserve("tia", "emma") == 2
    assert library.reservations_for("emma") == ("ann", "tia")


@pytest.mark.task(taskno=3)
def test_returning_a_reserved_copy_holds_it_for_the_first_in_the_queue(stocked) -> None:
    library = stocked()
    library.borrow("sam", "emma")
    library.reserve("ann", "emma")
    library.reserve("tia", "emma")
    receipt = library.return_copy("emma-c1")
    assert receipt.held_for == "ann", "the copy goes to the first member who reserved it"
    assert library.status_of("emma-c1") is CopyStatus.ON_HOLD
    assert library.hold_on("emma-c1") == "ann"
    assert library.reservations_for("emma") == ("tia",), "ann leaves the queue when her copy is held"
    with pytest.raises(NoCopyAvailableError):
        library.borrow("sam", "emma")
    assert library.borrow("ann", "emma").copy_id == "emma-c1", "the member it is held for can borrow it"
    assert library.hold_on("emma-c1") is None


@pytest.mark.task(taskno=3)
def test_a_new_copy_goes_to_the_queue_first(stocked) -> None:
    library = stocked()
    library.borrow("sam", "ulysses")
    library.reserve("tia", "ulysses")
    copy_id = library.add_copy("ulysses")
    assert library.hold_on(copy_id) == "tia", "a copy added while members wait is held for the first of them"
    assert library.available_copies("ulysses") == ()


@pytest.mark.task(taskno=3)
def test_cannot_queue_twice_for_the_same_book(stocked) -> None:
    library = stocked()
    library.borrow("sam", "emma")
    library.reserve("ann", "emma")
    with pytest.raises(ReservationError, match="already"):
        library.reserve("ann", "emma")
    library.return_copy("emma-c1")
    with pytest.raises(ReservationError, match="already"):
        library.reserve("ann", "emma")  # a copy is already held for her


@pytest.mark.task(taskno=3)
def test_a_refused_reservation_leaves_no_empty_queue(stocked) -> None:
    library = stocked()
    library.borrow("sam", "emma")
    library.reserve("ann", "emma")
    library.return_copy("emma-c1")  # held for ann; nobody else waits, so Emma's queue is gone
    with pytest.raises(ReservationError, match="already"):
        library.reserve("ann", "emma")
    assert library.state().reservations == (), (
        "a refused reservation changes nothing: check before you create the book's queue, or an empty queue "
        "stays in state(), and a saved and loaded library no longer equals the one you saved"
    )


@pytest.mark.task(taskno=3)
def test_cancelling_a_reservation_leaves_the_queue(stocked) -> None:
    library = stocked()
    library.borrow("sam", "emma")
    library.reserve("ann", "emma")
    library.reserve("tia", "emma")
    library.cancel_reservation("ann", "emma")
    assert library.reservations_for("emma") == ("tia",)
    with pytest.raises(ReservationError, match="ann"):  # the message names who has no reservation
        library.cancel_reservation("ann", "emma")
    with pytest.raises(ReservationError):
        library.cancel_reservation("ann", "dune")  # nobody is queued for Dune at all
    assert library.return_copy("emma-c1").held_for == "tia"


MEMBERS = ("ann", "sam", "tia")
ISBNS = ("dune", "emma", "ulysses")


class LibraryMachine(RuleBasedStateMachine):
    """Random borrow/return/reserve/cancel/pay sequences, with time passing, checking every rule on the way."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = FixedClock(date(2026, 1, 5))
        self.library = Library(self.clock)
        for isbn, copies in zip(ISBNS, (2, 1, 1), strict=True):
            self.library.add_book(isbn, isbn.title(), "Someone")
            for _ in range(copies):
                self.library.add_copy(isbn)
        for member in (StandardMember("ann", "Ann"), StudentMember("sam", "Sam"), StaffMember("tia", "Tia")):
            self.library.add_member(member)

    def copies(self) -> list[str]:
        return [copy_id for isbn in ISBNS for copy_id in self.library.copies_of(isbn)]

    @rule(member=st.sampled_from(MEMBERS), isbn=st.sampled_from(ISBNS))
    def borrow(self, member: str, isbn: str) -> None:
        owed, loans = self.library.fines_owed(member), len(self.library.loans_of(member))
        held_for_them = [c for c in self.library.copies_of(isbn) if self.library.hold_on(c) == member]
        try:
            loan = self.library.borrow(member, isbn)
        except UnpaidFinesError:
            assert owed > 0, "refused for fines, but the member owes nothing"
        except LoanLimitReachedError:
            assert loans >= self.library.member(member).loan_limit, "refused for the limit below the limit"
        except NoCopyAvailableError:
            assert not self.library.available_copies(isbn), "refused although a copy is available"
            assert not held_for_them, "refused although a copy is held for this member"
        else:
            assert owed == 0, "a member who owes fines got a loan"
            assert loans < self.library.member(member).loan_limit, "a member at their limit got a loan"
            if held_for_them:
                assert loan.copy_id == held_for_them[0], "a member with a copy on hold gets that copy"

    @precondition(lambda self: any(self.library.loan_of(c) for c in self.copies()))
    @rule(data=st.data())
    def return_copy(self, data: st.DataObject) -> None:
        copy_id = data.draw(st.sampled_from([c for c in self.copies() if self.library.loan_of(c)]))
        isbn = self.library.loan_of(copy_id).isbn
        waiting = self.library.reservations_for(isbn)
        receipt = self.library.return_copy(copy_id)
        if waiting:
            assert receipt.held_for == waiting[0], "a returned copy goes to the first in the queue"
            assert self.library.status_of(copy_id) is CopyStatus.ON_HOLD
            assert self.library.reservations_for(isbn) == waiting[1:]
        else:
            assert receipt.held_for is None
            assert self.library.status_of(copy_id) is CopyStatus.AVAILABLE

    @rule(member=st.sampled_from(MEMBERS), isbn=st.sampled_from(ISBNS))
    def reserve(self, member: str, isbn: str) -> None:
        before = self.library.reservations_for(isbn)
        try:
            place = self.library.reserve(member, isbn)
        except ReservationError:
            held = any(self.library.hold_on(c) == member for c in self.library.copies_of(isbn))
            assert self.library.available_copies(isbn) or member in before or held
        else:
            assert self.library.reservations_for(isbn) == (*before, member)
            assert place == len(before) + 1

    @rule(member=st.sampled_from(MEMBERS), isbn=st.sampled_from(ISBNS))
    def cancel(self, member: str, isbn: str) -> None:
        if member in self.library.reservations_for(isbn):
            self.library.cancel_reservation(member, isbn)
            assert member not in self.library.reservations_for(isbn)

    @rule(days=st.integers(1, 40))
    def time_passes(self, days: int) -> None:
        self.clock.advance(days)

    @rule(member=st.sampled_from(MEMBERS))
    def pay_everything(self, member: str) -> None:
        if owed := self.library.fines_owed(member):
            assert self.library.pay_fine(member, owed) == 0

    @invariant()
    def every_copy_is_in_exactly_one_place(self) -> None:
        for copy_id in self.copies():
            status, loan, hold = (
                self.library.status_of(copy_id),
                self.library.loan_of(copy_id),
                self.library.hold_on(copy_id),
            )
            assert not (loan and hold), f"{copy_id} is both lent and held"
            assert (status is CopyStatus.ON_LOAN) == (loan is not None)
            assert (status is CopyStatus.ON_HOLD) == (hold is not None)

    @invariant()
    def no_copy_is_lent_twice_and_no_limit_is_passed(self) -> None:
        lent = [loan.copy_id for member in MEMBERS for loan in self.library.loans_of(member)]
        assert len(lent) == len(set(lent)), f"a copy appears in two loans: {lent}"
        assert sorted(lent) == sorted(c for c in self.copies() if self.library.loan_of(c))
        for member in MEMBERS:
            assert len(self.library.loans_of(member)) <= self.library.member(member).loan_limit
            assert self.library.fines_owed(member) >= 0

    @invariant()
    def nobody_waits_while_a_copy_is_on_the_shelf(self) -> None:
        for isbn in ISBNS:
            queue = self.library.reservations_for(isbn)
            assert not (queue and self.library.available_copies(isbn)), f"{isbn}: a copy is free while {queue} wait"
            assert len(queue) == len(set(queue)), f"{isbn}: someone is queued twice: {queue}"


TestLibraryInvariants = pytest.mark.task(taskno=3)(LibraryMachine.TestCase)
TestLibraryInvariants.settings = settings(max_examples=60, stateful_step_count=40, deadline=None)
