"""Milestone 2: loans, due dates, limits and fines.

Mistakes these tests catch: the same copy lent twice, the loan period of the
wrong kind (or `date.today()` instead of the injected clock), the limit
checked with `>` instead of `>=`, a member with unpaid fines still
borrowing, fines charged on the due date itself or computed with the wrong
policy, a return of a copy that is not out accepted, payments of zero, less
than zero or more than owed accepted, loans handed out as mutable objects.
"""

import dataclasses
from datetime import date

import pytest
from library import (
    CopyStatus,
    LoanLimitReachedError,
    NoCopyAvailableError,
    NotFoundError,
    NotOnLoanError,
    PaymentError,
    UnpaidFinesError,
)
from library.library_service import format_cents


@pytest.mark.task(taskno=2)
def test_borrowing_lends_a_copy_until_the_due_date(stocked) -> None:
    library = stocked()
    loan = library.borrow("sam", "emma")
    assert (loan.copy_id, loan.isbn, loan.member_id) == ("emma-c1", "emma", "sam")
    assert (loan.borrowed_on, loan.due_on) == (date(2026, 1, 5), date(2026, 1, 19)), (
        "a student's loan lasts 14 days from the clock's today (use the injected clock, never date.today())"
    )
    assert library.status_of("emma-c1") is CopyStatus.ON_LOAN
    assert library.loan_of("emma-c1") == loan
    assert library.loans_of("sam") == (loan,)


@pytest.mark.task(taskno=2)
def test_a_copy_is_never_lent_twice(stocked) -> None:
    library = stocked()
    first, second = library.borrow("ann", "dune"), library.borrow("sam", "dune")
    assert first.copy_id != second.copy_id, "two loans of the same book need two different copies"
    with pytest.raises(NoCopyAvailableError, match="reserve"):
        library.borrow("tia", "dune")
    assert library.available_copies("dune") == ()


@pytest.mark.task(taskno=2)
def test_a_member_at_their_limit_cannot_borrow(stocked) -> None:
    library = stocked()
    for isbn in ["dune", "emma", "ulysses"]:
        library.borrow("ann", isbn)
    with pytest.raises(LoanLimitReachedError, match="limit"):  # the message says why: the limit
        library.borrow("ann", "dune")
    assert len(library.loans_of("ann")) == 3, "a standard member stops at 3 loans"
    library.return_copy("emma-c1")
    assert library.borrow("ann", "dune").copy_id == "dune-c2", "after a return there is room again"


@pytest.mark.task(taskno=2)
def test_returning_late_charges_the_members_fine_policy(stocked, clock) -> None:
    library = stocked()
    library.borrow("ann", "dune")
    library.borrow("sam", "emma")
    clock.advance(21)
    on_time = library.return_copy("dune-c1")
    assert on_time.fine == 0, "returning on the due date itself is not late"
    clock.advance(4)  # sam's loan was due on day 14: now 11 days late
    late = library.return_copy("emma-c1")
    assert late.fine == 110, "a student pays 10 cents a day: 11 days late is 110 cents"
    assert late.loan.member_id == "sam"
    assert library.fines_owed("sam") == 110
    assert library.fines_owed("ann") == 0
    assert library.status_of("emma-c1") is CopyStatus.AVAILABLE


@pytest.mark.task(taskno=2)
def test_unpaid_fines_block_borrowing_until_paid(stocked, clock) -> None:
    library = stocked()
    library.borrow("ann", "emma")
    clock.advance(30)
    library.return_copy("emma-c1")  # 9 days late at 25 cents
    assert library.fines_owed("ann") == 225
    with pytest.raises(UnpaidFinesError, match=r"2\.25"):
        library.borrow("ann", "dune")
    assert library.pay_fine("ann", 200) == 25, "pay_fine returns what is still owed"
    with pytest.raises(UnpaidFinesError):
        library.borrow("ann", "dune")
    with pytest.raises(PaymentError, match=r"0\.25"):  # the message says what is owed, as money
        library.pay_fine("ann", 30)
    assert library.pay_fine("ann", 1) == 24, "any payment of at least 1 cent (and at most what is owed) counts"
    assert library.pay_fine("ann", 24) == 0
    assert library.borrow("ann", "dune").member_id == "ann"


@pytest.mark.task(taskno=2)
def test_fines_add_up_over_several_late_returns(stocked, clock) -> None:
    library = stocked()
    library.borrow("ann", "dune")
    library.borrow("ann", "emma")
    clock.advance(31)  # both due on day 21: 10 days late, 250 cents each
    assert [library.return_copy(copy_id).fine for copy_id in ("dune-c1", "emma-c1")] == [250, 250]
    assert library.fines_owed("ann") == 500, "a new fine is added to what the member already owes, not put in its place"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("cents", "text"), [(0, "0.00"), (5, "0.05"), (250, "2.50"), (1000, "10.00"), (123456, "1234.56")]
)
def test_format_cents_shows_units_and_two_digits_of_cents(cents: int, text: str) -> None:
    assert format_cents(cents) == text, f"{cents} cents is {text}: units = cents // 100, then two digits of cents % 100"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("amount", [0, -5, 1])
def test_rejects_payments_that_are_not_positive_or_exceed_the_fine(stocked, amount: int) -> None:
    library = stocked()
    with pytest.raises(PaymentError):
        library.pay_fine("ann", amount)
    assert library.fines_owed("ann") == 0


@pytest.mark.task(taskno=2)
def test_returning_a_copy_that_is_not_out_is_refused(stocked) -> None:
    library = stocked()
    with pytest.raises(NotOnLoanError, match="dune-c1"):  # the message names the copy
        library.return_copy("dune-c1")
    with pytest.raises(NotFoundError):
        library.return_copy("dune-c7")
    library.borrow("ann", "dune")
    library.return_copy("dune-c1")
    with pytest.raises(NotOnLoanError):
        library.return_copy("dune-c1")


@pytest.mark.task(taskno=2)
def test_overdue_loans_follow_the_clock(stocked, clock) -> None:
    library = stocked()
    library.borrow("sam", "dune")
    library.borrow("ann", "emma")
    clock.advance(14)
    assert library.overdue_loans() == (), "due today is not overdue yet"
    clock.advance(1)
    assert [loan.member_id for loan in library.overdue_loans()] == ["sam"]
    assert library.overdue_loans()[0].days_overdue(clock.today()) == 1


@pytest.mark.task(taskno=2)
def test_loans_cannot_be_changed_from_outside(stocked) -> None:
    library = stocked()
    loan = library.borrow("ann", "dune")
    with pytest.raises(dataclasses.FrozenInstanceError):
        loan.due_on = date(2099, 1, 1)  # type: ignore[misc]
    assert isinstance(library.loans_of("ann"), tuple), "loans_of returns a tuple, not the library's own list"
