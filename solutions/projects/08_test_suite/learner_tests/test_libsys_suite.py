"""Reference suite for libsys: factories as fixtures, parametrized boundaries, a mocked notifier and HTTP service,
time travel for the system clock, and hypothesis properties. It passes on libsys and fails on every variant.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from unittest.mock import Mock, create_autospec

import httpx
import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st
from libsys import (  # type: ignore[import-not-found, unused-ignore]
    CopyStatus,
    DuplicateError,
    FixedClock,
    Library,
    LibraryError,
    LoanLimitReachedError,
    Member,
    NoCopyAvailableError,
    NotFoundError,
    NotificationError,
    Notifier,
    NotOnLoanError,
    PaymentError,
    ReservationError,
    StaffMember,
    StandardMember,
    StudentMember,
    SystemClock,
    UnpaidFinesError,
    WebhookNotifier,
    format_cents,
    from_json,
    load,
    make_member,
    save,
    to_json,
)

START = date(2026, 1, 5)
MAKERS: dict[str, Callable[[str, str], Member]] = {
    "standard": StandardMember,
    "student": StudentMember,
    "staff": StaffMember,
}

# -- fixtures and factories --------------------------------------------------------------------------------------


@pytest.fixture
def clock() -> FixedClock:
    """A clock showing Monday 5 January 2026 until the test moves it."""
    return FixedClock(START)


@pytest.fixture
def notifier() -> Mock:
    """A mock with the Notifier protocol's signature: it records every message instead of sending it."""
    mock: Mock = create_autospec(Notifier, instance=True)
    return mock


@pytest.fixture
def make_library(clock: FixedClock, notifier: Mock) -> Callable[..., Library]:
    """A factory: a library with `copies` copies of Emma and one member per keyword (`ann="standard"`)."""

    def make(copies: int = 1, **members: str) -> Library:
        library = Library(clock, notifier)
        library.add_book("emma", "Emma", "Jane Austen")
        for _ in range(copies):
            library.add_copy("emma")
        for member_id, kind in members.items():
            library.add_member(make_member(kind, member_id, member_id.title()))
        return library

    return make


@pytest.fixture
def library(make_library: Callable[..., Library]) -> Library:
    """One copy of Emma; ann is standard, sam a student, tia staff."""
    return make_library(ann="standard", sam="student", tia="staff")


def add_books(library: Library, count: int) -> list[str]:
    """Add `count` books with one copy each; their ISBNs."""
    isbns = [f"b{n}" for n in range(count)]
    for isbn in isbns:
        library.add_book(isbn, isbn.upper(), "Anon")
        library.add_copy(isbn)
    return isbns


# -- members -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "limit", "days"), [("standard", 3, 21), ("student", 5, 14), ("staff", 10, 42)], ids=["std", "stu", "stf"]
)
def test_each_kind_has_its_limit_and_loan_period(kind: str, limit: int, days: int) -> None:
    member = make_member(kind, "m", "M")
    assert (member.kind, member.loan_limit, member.loan_days) == (kind, limit, days)


@pytest.mark.parametrize(
    ("member", "days_late", "fine"),
    [
        (StandardMember("a", "A"), 0, 0),
        (StandardMember("a", "A"), 1, 25),
        (StandardMember("a", "A"), 40, 1000),
        (StandardMember("a", "A"), 41, 1000),
        (StudentMember("s", "S"), 1, 13),
        (StudentMember("s", "S"), 2, 25),
        (StudentMember("s", "S"), 3, 38),
        (StudentMember("s", "S"), 24, 300),
        (StudentMember("s", "S"), 25, 300),
        (StaffMember("t", "T"), 99, 0),
    ],
)
def test_fines_per_kind_round_half_up_and_are_capped(member: Member, days_late: int, fine: int) -> None:
    assert member.fine_for(days_late) == fine


@pytest.mark.parametrize("kind", ["standard", "student", "staff"])
def test_negative_lateness_is_refused(kind: str) -> None:
    with pytest.raises(ValueError, match="negative"):
        make_member(kind, "m", "M").fine_for(-1)


def test_unknown_member_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown member kind"):
        make_member("vip", "v", "V")


@given(st.sampled_from(sorted(MAKERS)), st.integers(min_value=0, max_value=10_000))
def test_fines_never_shrink_with_lateness_and_stay_under_the_cap(kind: str, days: int) -> None:
    member = MAKERS[kind]("m", "M")
    assert 0 <= member.fine_for(days) <= member.fine_for(days + 1) <= 1000


# -- catalogue ---------------------------------------------------------------------------------------------------


def test_catalogue_queries_and_copy_ids(library: Library) -> None:
    assert library.add_copy("emma") == "emma-c2"
    assert [b.isbn for b in library.books()] == ["emma"]
    assert [m.member_id for m in library.members()] == ["ann", "sam", "tia"]
    assert library.copies_of("emma") == ("emma-c1", "emma-c2")
    assert library.available_copies("emma") == ("emma-c1", "emma-c2")
    assert library.status_of("emma-c1") is CopyStatus.AVAILABLE
    assert library.book("emma").author == "Jane Austen"


def test_duplicates_are_refused(library: Library) -> None:
    with pytest.raises(DuplicateError):
        library.add_book("emma", "Emma", "Jane Austen")
    with pytest.raises(DuplicateError):
        library.add_member(StandardMember("ann", "Another Ann"))


@pytest.mark.parametrize(
    "call",
    [
        lambda lib: lib.book("nope"),
        lambda lib: lib.member("ghost"),
        lambda lib: lib.borrow("ghost", "emma"),
        lambda lib: lib.borrow("ann", "nope"),
        lambda lib: lib.fines_owed("ghost"),
        lambda lib: lib.status_of("emma-c9"),
        lambda lib: lib.return_copy("emma-c9"),
        lambda lib: lib.add_copy("nope"),
    ],
    ids=["book", "member", "borrow-member", "borrow-book", "fines", "status", "return", "add-copy"],
)
def test_unknown_ids_raise_not_found(library: Library, call: Callable[[Library], object]) -> None:
    with pytest.raises(NotFoundError):
        call(library)


# -- loans and fines ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("member_id", "days"), [("ann", 21), ("sam", 14), ("tia", 42)])
def test_a_loan_is_due_loan_days_after_borrowing(library: Library, member_id: str, days: int) -> None:
    loan = library.borrow(member_id, "emma")
    assert (loan.borrowed_on, loan.due_on) == (START, START + timedelta(days=days))
    assert library.loan_of("emma-c1") == loan
    assert library.loans_of(member_id) == (loan,)
    assert library.status_of("emma-c1") is CopyStatus.ON_LOAN


def test_a_member_at_the_limit_cannot_borrow(library: Library) -> None:
    for isbn in add_books(library, 3):
        library.borrow("ann", isbn)
    with pytest.raises(LoanLimitReachedError):
        library.borrow("ann", "emma")


def test_a_lent_copy_is_not_lent_again(library: Library) -> None:
    library.borrow("ann", "emma")
    with pytest.raises(NoCopyAvailableError, match="reserve"):
        library.borrow("sam", "emma")
    loan = library.loan_of("emma-c1")
    assert loan is not None
    assert loan.member_id == "ann", "the first loan stands"


@pytest.mark.parametrize(("days_after_due", "fine"), [(0, 0), (1, 25), (4, 100)])
def test_returning_late_charges_the_fine(library: Library, clock: FixedClock, days_after_due: int, fine: int) -> None:
    library.borrow("ann", "emma")
    clock.advance(21 + days_after_due)
    assert library.overdue_loans() == (() if days_after_due == 0 else (library.loan_of("emma-c1"),))
    returned = library.return_copy("emma-c1")
    assert (returned.fine, returned.held_for) == (fine, None)
    assert library.fines_owed("ann") == fine
    assert library.status_of("emma-c1") is CopyStatus.AVAILABLE


def test_returning_a_copy_that_is_not_out_is_refused(library: Library) -> None:
    with pytest.raises(NotOnLoanError):
        library.return_copy("emma-c1")


def test_a_member_who_owes_cannot_borrow_until_paid(library: Library, clock: FixedClock) -> None:
    library.borrow("ann", "emma")
    clock.advance(22)
    library.return_copy("emma-c1")
    with pytest.raises(UnpaidFinesError, match=r"0\.25"):
        library.borrow("ann", "emma")
    assert library.pay_fine("ann", 25) == 0
    assert library.borrow("ann", "emma").member_id == "ann"


@pytest.mark.parametrize("cents", [0, -5, 101])
def test_payments_must_be_positive_and_at_most_what_is_owed(library: Library, clock: FixedClock, cents: int) -> None:
    library.borrow("ann", "emma")
    clock.advance(25)
    library.return_copy("emma-c1")
    with pytest.raises(PaymentError):
        library.pay_fine("ann", cents)
    assert library.pay_fine("ann", 40) == 60
    assert library.fines_owed("ann") == 60


@pytest.mark.parametrize(("cents", "text"), [(0, "0.00"), (5, "0.05"), (250, "2.50"), (123456, "1234.56")])
def test_format_cents(cents: int, text: str) -> None:
    assert format_cents(cents) == text


# -- reservations and holds --------------------------------------------------------------------------------------


def test_reservations_are_served_first_come_first_served(library: Library, notifier: Mock) -> None:
    library.borrow("ann", "emma")
    assert (library.reserve("sam", "emma"), library.reserve("tia", "emma")) == (1, 2)
    assert library.return_copy("emma-c1").held_for == "sam"
    assert library.hold_on("emma-c1") == "sam"
    assert library.status_of("emma-c1") is CopyStatus.ON_HOLD
    assert library.reservations_for("emma") == ("tia",)
    notifier.send.assert_called_once_with(
        "sam", "Ready: Emma", "A copy of 'Emma' (emma-c1) is held for you at the desk."
    )


def test_a_held_copy_is_only_for_its_member(library: Library) -> None:
    library.borrow("ann", "emma")
    library.reserve("sam", "emma")
    library.return_copy("emma-c1")
    with pytest.raises(NoCopyAvailableError):
        library.borrow("tia", "emma")
    assert library.borrow("sam", "emma").copy_id == "emma-c1"
    assert library.hold_on("emma-c1") is None


def test_a_new_copy_goes_to_the_first_in_the_queue(library: Library) -> None:
    library.borrow("ann", "emma")
    library.reserve("sam", "emma")
    copy_id = library.add_copy("emma")
    assert library.hold_on(copy_id) == "sam"
    assert library.available_copies("emma") == ()


def test_reserving_is_refused_when_a_copy_is_free_or_twice(library: Library) -> None:
    with pytest.raises(ReservationError, match="borrow it instead"):
        library.reserve("sam", "emma")
    library.borrow("ann", "emma")
    library.reserve("sam", "emma")
    with pytest.raises(ReservationError):
        library.reserve("sam", "emma")
    library.return_copy("emma-c1")  # now held for sam
    with pytest.raises(ReservationError):
        library.reserve("sam", "emma")


def test_cancelling_a_reservation(library: Library) -> None:
    library.borrow("ann", "emma")
    library.reserve("sam", "emma")
    library.reserve("tia", "emma")
    library.cancel_reservation("sam", "emma")
    assert library.reservations_for("emma") == ("tia",)
    library.cancel_reservation("tia", "emma")
    assert library.reservations_for("emma") == ()
    with pytest.raises(ReservationError):
        library.cancel_reservation("tia", "emma")


# -- notifications: a mock for the notifier, httpx.MockTransport for the web service -----------------------------


def test_reminders_go_only_to_loans_past_due(library: Library, clock: FixedClock, notifier: Mock) -> None:
    library.borrow("ann", "emma")
    clock.advance(21)  # due today: not overdue yet
    assert library.send_overdue_reminders() == 0
    notifier.send.assert_not_called()
    clock.advance(2)
    assert library.send_overdue_reminders() == 1
    notifier.send.assert_called_once_with(
        "ann", "Overdue: Emma", "'Emma' is 2 day(s) overdue; the fine so far is 0.50."
    )


def test_a_library_without_notifier_sends_nothing(clock: FixedClock) -> None:
    library = Library(clock)
    library.add_book("emma", "Emma", "Jane Austen")
    library.add_copy("emma")
    library.add_member(StandardMember("ann", "Ann"))
    library.borrow("ann", "emma")
    clock.advance(30)
    assert library.send_overdue_reminders() == 0


def test_a_failing_notifier_never_breaks_a_return(
    library: Library, notifier: Mock, caplog: pytest.LogCaptureFixture
) -> None:
    notifier.send.side_effect = NotificationError("mail service down")
    library.borrow("ann", "emma")
    library.reserve("sam", "emma")
    with caplog.at_level(logging.WARNING):
        assert library.return_copy("emma-c1").held_for == "sam"
    assert "mail service down" in caplog.text
    assert library.hold_on("emma-c1") == "sam"


def webhook(status: int, seen: list[httpx.Request]) -> WebhookNotifier:
    """A WebhookNotifier whose HTTP client answers every request with `status`, recording what it was sent."""

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status)

    return WebhookNotifier("https://mail.example/hook", httpx.Client(transport=httpx.MockTransport(answer)))


def test_the_webhook_posts_the_message_as_json() -> None:
    seen: list[httpx.Request] = []
    webhook(202, seen).send("ann", "Hi", "Body")
    assert [(r.method, str(r.url)) for r in seen] == [("POST", "https://mail.example/hook")]
    assert json.loads(seen[0].content) == {"to": "ann", "subject": "Hi", "body": "Body"}


@pytest.mark.parametrize("status", [404, 500, 503])
def test_the_webhook_raises_on_an_error_status(status: int) -> None:
    with pytest.raises(NotificationError, match="ann"):
        webhook(status, []).send("ann", "Hi", "Body")


def test_the_webhook_raises_when_the_service_is_unreachable() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    notifier = WebhookNotifier("https://mail.example/hook", httpx.Client(transport=httpx.MockTransport(refuse)))
    with pytest.raises(NotificationError):
        notifier.send("ann", "Hi", "Body")


# -- time: the injected clock, and time travel for the real one --------------------------------------------------


def test_the_system_clock_reads_the_real_date() -> None:
    with time_machine.travel(date(2030, 2, 28), tick=False):
        assert SystemClock().today() == date(2030, 2, 28)


def test_the_fixed_clock_moves_only_when_told(clock: FixedClock) -> None:
    clock.advance(3)
    assert clock.today() == START + timedelta(days=3)


# -- storage -----------------------------------------------------------------------------------------------------


def busy(library: Library, clock: FixedClock) -> Library:
    """A library with a loan, a hold, a queue and a fine."""
    library.add_copy("emma")
    library.borrow("ann", "emma")
    library.borrow("sam", "emma")
    library.reserve("tia", "emma")
    clock.advance(40)
    library.return_copy("emma-c2")  # sam, 26 days late, owes 300 (the student cap); tia gets the hold
    library.add_member(StudentMember("uma", "Uma"))
    library.reserve("uma", "emma")
    return library


def test_json_round_trip_keeps_everything(library: Library, clock: FixedClock) -> None:
    busy(library, clock)
    loaded = from_json(to_json(library), clock)
    assert loaded.state() == library.state()
    assert loaded.fines_owed("sam") == 300
    assert loaded.member("uma").loan_days == 14


def test_save_and_load_a_file(library: Library, clock: FixedClock, tmp_path: Path) -> None:
    busy(library, clock)
    path = tmp_path / "data" / "library.json"
    save(library, path)
    assert [p.name for p in path.parent.iterdir()] == ["library.json"], "no temporary file left behind"
    assert load(path, clock).state() == library.state()
    assert load(tmp_path / "missing.json", clock).books() == ()


@pytest.mark.parametrize(
    "document",
    [
        "not json",
        '{"format": 2}',
        '{"format": 1, "books": []}',
        '{"format": 1, "books": [], "copies": [], "members": [{"member_id": "a", "name": "A", "kind": "vip"}],'
        ' "loans": [], "reservations": {}, "holds": {}, "fines": {}}',
    ],
    ids=["not-json", "format", "missing-section", "kind"],
)
def test_a_corrupt_document_raises_library_error(document: str, clock: FixedClock) -> None:
    with pytest.raises(LibraryError):
        from_json(document, clock)


LOAN = {"copy_id": "emma-c1", "isbn": "emma", "member_id": "ann", "borrowed_on": "2026-01-05", "due_on": "2026-01-26"}


@pytest.mark.parametrize(
    "changes",
    [
        {"loans": [LOAN, LOAN]},
        {"loans": [{**LOAN, "isbn": "other"}]},
        {"loans": [LOAN], "holds": {"emma-c1": "sam"}},
        {"fines": {"ann": 0}},
    ],
    ids=["lent-twice", "wrong-book", "held-and-lent", "owes-nothing"],
)
def test_inconsistent_states_are_refused(library: Library, clock: FixedClock, changes: dict[str, object]) -> None:
    document = json.loads(to_json(library)) | changes
    with pytest.raises(LibraryError):
        from_json(json.dumps(document), clock)


@given(st.lists(st.tuples(st.sampled_from(["borrow", "return", "reserve", "pay", "wait"]), st.integers(0, 2))))
def test_any_history_survives_a_json_round_trip(steps: list[tuple[str, int]]) -> None:
    clock = FixedClock(START)
    library = Library(clock)
    library.add_book("emma", "Emma", "Jane Austen")
    library.add_copy("emma")
    names = ["ann", "sam", "tia"]
    for name, maker in zip(names, MAKERS.values(), strict=True):
        library.add_member(maker(name, name.title()))
    for action, n in steps:
        with contextlib.suppress(LibraryError):  # refusals are part of a random history
            if action == "borrow":
                library.borrow(names[n], "emma")
            elif action == "return":
                library.return_copy("emma-c1")
            elif action == "reserve":
                library.reserve(names[n], "emma")
            elif action == "pay":
                library.pay_fine(names[n], library.fines_owed(names[n]))
            else:
                clock.advance(10 * n + 5)
    assert from_json(to_json(library), clock).state() == library.state()
