"""The Library: the one object through which every change happens, so its invariants always hold.

Invariants (checked by a hypothesis state machine in the tests):
- a copy is in exactly one place: available, on loan to one member, or on hold for one member;
- no member has more loans than their limit, and nobody who owes fines got a new loan;
- while anyone is waiting for a book, none of its copies sits available: a copy that comes back
  (or is added) goes on hold for the first member in the queue.
"""

from __future__ import annotations

from library.library_clock import Clock
from library.library_members import Member
from library.library_records import Book, CopyStatus, LibraryState, Loan, Return


class Library:
    """Books, copies, members, loans, reservations, holds and fines, changed only through these methods."""

    def __init__(self, clock: Clock) -> None:
        """An empty library that asks `clock` for today's date. Keep all state in private attributes."""
        raise NotImplementedError("Library: write me (milestone 1)")

    def add_book(self, isbn: str, title: str, author: str) -> Book:
        """Add a title to the catalogue (with no copies yet). DuplicateError if the ISBN is taken."""
        raise NotImplementedError("Library.add_book: write me (milestone 1)")

    def add_copy(self, isbn: str) -> str:
        """Add a copy of a catalogued book and return its id, `<isbn>-c<n>`; it goes to the next reservation."""
        raise NotImplementedError("Library.add_copy: write me (milestone 1)")

    def add_member(self, member: Member) -> None:
        """Register a member. DuplicateError if the id is taken."""
        raise NotImplementedError("Library.add_member: write me (milestone 1)")

    def borrow(self, member_id: str, isbn: str) -> Loan:
        """Lend the member a copy of the book: the one held for them, else any available one."""
        raise NotImplementedError("Library.borrow: write me (milestone 2)")

    def return_copy(self, copy_id: str) -> Return:
        """Take a copy back, charge any fine, and hold the copy for the next reservation if there is one."""
        raise NotImplementedError("Library.return_copy: write me (milestone 2)")

    def pay_fine(self, member_id: str, cents: int) -> int:
        """Pay towards a member's fines; returns what they still owe. PaymentError unless 0 < cents <= owed."""
        raise NotImplementedError("Library.pay_fine: write me (milestone 2)")

    def reserve(self, member_id: str, isbn: str) -> int:
        """Join the queue for a book whose copies are all taken; returns the place in the queue (1 = next)."""
        raise NotImplementedError("Library.reserve: write me (milestone 3)")

    def cancel_reservation(self, member_id: str, isbn: str) -> None:
        """Leave the queue for a book. ReservationError if the member is not in it."""
        raise NotImplementedError("Library.cancel_reservation: write me (milestone 3)")

    def book(self, isbn: str) -> Book:
        """The book with this ISBN. NotFoundError if there is none."""
        raise NotImplementedError("Library.book: write me (milestone 1)")

    def member(self, member_id: str) -> Member:
        """The member with this id. NotFoundError if there is none."""
        raise NotImplementedError("Library.member: write me (milestone 1)")

    def books(self) -> tuple[Book, ...]:
        """The catalogue, by ISBN."""
        raise NotImplementedError("Library.books: write me (milestone 1)")

    def members(self) -> tuple[Member, ...]:
        """Every member, by id."""
        raise NotImplementedError("Library.members: write me (milestone 1)")

    def copies_of(self, isbn: str) -> tuple[str, ...]:
        """The ids of every copy of a book, in the order they were added."""
        raise NotImplementedError("Library.copies_of: write me (milestone 1)")

    def available_copies(self, isbn: str) -> tuple[str, ...]:
        """The copies of a book on the shelf: neither on loan nor on hold."""
        raise NotImplementedError("Library.available_copies: write me (milestone 1)")

    def status_of(self, copy_id: str) -> CopyStatus:
        """Where a copy is. NotFoundError for an unknown copy."""
        raise NotImplementedError("Library.status_of: write me (milestone 1)")

    def loan_of(self, copy_id: str) -> Loan | None:
        """The loan a copy is out on, or None."""
        raise NotImplementedError("Library.loan_of: write me (milestone 2)")

    def loans_of(self, member_id: str) -> tuple[Loan, ...]:
        """A member's current loans."""
        raise NotImplementedError("Library.loans_of: write me (milestone 2)")

    def overdue_loans(self) -> tuple[Loan, ...]:
        """Every loan past its due date, by the clock's today."""
        raise NotImplementedError("Library.overdue_loans: write me (milestone 2)")

    def fines_owed(self, member_id: str) -> int:
        """What a member owes, in cents. NotFoundError for an unknown member."""
        raise NotImplementedError("Library.fines_owed: write me (milestone 2)")

    def reservations_for(self, isbn: str) -> tuple[str, ...]:
        """The ids of the members waiting for a book, first come first."""
        raise NotImplementedError("Library.reservations_for: write me (milestone 3)")

    def hold_on(self, copy_id: str) -> str | None:
        """The member a copy is held for, or None."""
        raise NotImplementedError("Library.hold_on: write me (milestone 3)")

    def state(self) -> LibraryState:
        """Everything this library knows, as immutable data (see library_storage for JSON)."""
        raise NotImplementedError("Library.state: write me (milestone 4)")

    @classmethod
    def from_state(cls, state: LibraryState, clock: Clock) -> Library:
        """Rebuild a library from `state()`. LibraryError if the state breaks an invariant (a corrupt file)."""
        raise NotImplementedError("Library.from_state: write me (milestone 4)")


def format_cents(cents: int) -> str:
    """250 -> '2.50'."""
    raise NotImplementedError("format_cents: write me (milestone 2)")
