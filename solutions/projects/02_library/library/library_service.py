"""The Library: the one object through which every change happens, so its invariants always hold.

Invariants (checked by a hypothesis state machine in the tests):
- a copy is in exactly one place: available, on loan to one member, or on hold for one member;
- no member has more loans than their limit, and nobody who owes fines got a new loan;
- while anyone is waiting for a book, none of its copies sits available: a copy that comes back
  (or is added) goes on hold for the first member in the queue.
"""

from __future__ import annotations

from collections import deque
from datetime import timedelta

from library.library_clock import Clock
from library.library_errors import (
    DuplicateError,
    LibraryError,
    LoanLimitReachedError,
    NoCopyAvailableError,
    NotFoundError,
    NotOnLoanError,
    PaymentError,
    ReservationError,
    UnpaidFinesError,
)
from library.library_members import Member, make_member
from library.library_records import Book, CopyStatus, LibraryState, Loan, Return


class Library:
    """Books, copies, members, loans, reservations, holds and fines, changed only through these methods."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._books: dict[str, Book] = {}
        self._copies: dict[str, str] = {}  # copy_id -> isbn
        self._members: dict[str, Member] = {}
        self._loans: dict[str, Loan] = {}  # copy_id -> loan: a dict, so a copy cannot be lent twice
        self._queues: dict[str, deque[str]] = {}  # isbn -> member ids waiting, first come first
        self._holds: dict[str, str] = {}  # copy_id -> the member it is set aside for
        self._fines: dict[str, int] = {}  # member_id -> cents owed

    # -- catalogue and members ---------------------------------------------------------------------

    def add_book(self, isbn: str, title: str, author: str) -> Book:
        """Add a title to the catalogue (with no copies yet). DuplicateError if the ISBN is taken."""
        if isbn in self._books:
            raise DuplicateError(f"a book with ISBN {isbn} is already in the catalogue")
        book = self._books[isbn] = Book(isbn, title, author)
        return book

    def add_copy(self, isbn: str) -> str:
        """Add a copy of a catalogued book and return its id, `<isbn>-c<n>`; it goes to the next reservation."""
        self.book(isbn)
        copy_id = f"{isbn}-c{len(self.copies_of(isbn)) + 1}"
        self._copies[copy_id] = isbn
        self._shelve(copy_id)
        return copy_id

    def add_member(self, member: Member) -> None:
        """Register a member. DuplicateError if the id is taken."""
        if member.member_id in self._members:
            raise DuplicateError(f"member {member.member_id} is already registered")
        self._members[member.member_id] = member

    # -- borrowing ---------------------------------------------------------------------------------

    def borrow(self, member_id: str, isbn: str) -> Loan:
        """Lend the member a copy of the book: the one held for them, else any available one."""
        member, book = self.member(member_id), self.book(isbn)
        if owed := self.fines_owed(member_id):
            raise UnpaidFinesError(f"{member.name} owes {format_cents(owed)} in fines and must pay before borrowing")
        if len(self.loans_of(member_id)) >= member.loan_limit:
            raise LoanLimitReachedError(
                f"{member.name} already has {member.loan_limit} loans, the limit for a {member.kind} member"
            )
        copy_id = self._copy_for(member_id, isbn)
        if copy_id is None:
            raise NoCopyAvailableError(f"no copy of {book.title!r} is available; reserve it to join the queue")
        self._holds.pop(copy_id, None)
        today = self._clock.today()
        loan = self._loans[copy_id] = Loan(copy_id, isbn, member_id, today, today + timedelta(days=member.loan_days))
        return loan

    def return_copy(self, copy_id: str) -> Return:
        """Take a copy back, charge any fine, and hold the copy for the next reservation if there is one."""
        self._isbn_of(copy_id)
        loan = self._loans.pop(copy_id, None)
        if loan is None:
            raise NotOnLoanError(f"copy {copy_id} is not on loan")
        fine = self._members[loan.member_id].fine_for(loan.days_overdue(self._clock.today()))
        if fine:
            self._fines[loan.member_id] = self._fines.get(loan.member_id, 0) + fine
        return Return(loan, fine, self._shelve(copy_id))

    def pay_fine(self, member_id: str, cents: int) -> int:
        """Pay towards a member's fines; returns what they still owe. PaymentError unless 0 < cents <= owed."""
        owed = self.fines_owed(member_id)
        if not 0 < cents <= owed:
            raise PaymentError(f"a payment must be more than 0 and at most the {format_cents(owed)} owed")
        if owed == cents:
            del self._fines[member_id]
        else:
            self._fines[member_id] = owed - cents
        return owed - cents

    # -- reservations ------------------------------------------------------------------------------

    def reserve(self, member_id: str, isbn: str) -> int:
        """Join the queue for a book whose copies are all taken; returns the place in the queue (1 = next)."""
        member, book = self.member(member_id), self.book(isbn)
        if self.available_copies(isbn):
            raise ReservationError(f"a copy of {book.title!r} is available: borrow it instead")
        queue = self._queues.get(isbn, deque())
        if member_id in queue or member_id in (self._holds[c] for c in self.copies_of(isbn) if c in self._holds):
            raise ReservationError(f"{member.name} is already waiting for {book.title!r}")
        queue.append(member_id)
        self._queues[isbn] = queue  # only now: a refused reservation leaves no empty queue behind
        return len(queue)

    def cancel_reservation(self, member_id: str, isbn: str) -> None:
        """Leave the queue for a book. ReservationError if the member is not in it."""
        queue = self._queues.get(isbn, deque())
        if member_id not in queue:
            raise ReservationError(f"member {member_id} has no reservation for ISBN {isbn}")
        queue.remove(member_id)
        if not queue:
            del self._queues[isbn]

    # -- queries -----------------------------------------------------------------------------------

    def book(self, isbn: str) -> Book:
        """The book with this ISBN. NotFoundError if there is none."""
        try:
            return self._books[isbn]
        except KeyError:
            raise NotFoundError(f"no book with ISBN {isbn}") from None

    def member(self, member_id: str) -> Member:
        """The member with this id. NotFoundError if there is none."""
        try:
            return self._members[member_id]
        except KeyError:
            raise NotFoundError(f"no member with id {member_id}") from None

    def books(self) -> tuple[Book, ...]:
        """The catalogue, by ISBN."""
        return tuple(self._books[isbn] for isbn in sorted(self._books))

    def members(self) -> tuple[Member, ...]:
        """Every member, by id."""
        return tuple(self._members[member_id] for member_id in sorted(self._members))

    def copies_of(self, isbn: str) -> tuple[str, ...]:
        """The ids of every copy of a book, in the order they were added."""
        return tuple(copy_id for copy_id, of in self._copies.items() if of == isbn)

    def available_copies(self, isbn: str) -> tuple[str, ...]:
        """The copies of a book on the shelf: neither on loan nor on hold."""
        return tuple(c for c in self.copies_of(isbn) if self.status_of(c) is CopyStatus.AVAILABLE)

    def status_of(self, copy_id: str) -> CopyStatus:
        """Where a copy is. NotFoundError for an unknown copy."""
        self._isbn_of(copy_id)
        if copy_id in self._loans:
            return CopyStatus.ON_LOAN
        return CopyStatus.ON_HOLD if copy_id in self._holds else CopyStatus.AVAILABLE

    def loan_of(self, copy_id: str) -> Loan | None:
        """The loan a copy is out on, or None."""
        return self._loans.get(copy_id)

    def loans_of(self, member_id: str) -> tuple[Loan, ...]:
        """A member's current loans."""
        return tuple(loan for loan in self._loans.values() if loan.member_id == member_id)

    def overdue_loans(self) -> tuple[Loan, ...]:
        """Every loan past its due date, by the clock's today."""
        today = self._clock.today()
        return tuple(loan for loan in self._loans.values() if loan.days_overdue(today) > 0)

    def fines_owed(self, member_id: str) -> int:
        """What a member owes, in cents. NotFoundError for an unknown member."""
        self.member(member_id)
        return self._fines.get(member_id, 0)

    def reservations_for(self, isbn: str) -> tuple[str, ...]:
        """The ids of the members waiting for a book, first come first."""
        return tuple(self._queues.get(isbn, ()))

    def hold_on(self, copy_id: str) -> str | None:
        """The member a copy is held for, or None."""
        return self._holds.get(copy_id)

    # -- persistence -------------------------------------------------------------------------------

    def state(self) -> LibraryState:
        """Everything this library knows, as immutable data (see library_storage for JSON)."""
        return LibraryState(
            books=self.books(),
            copies=tuple(sorted(self._copies.items())),
            members=tuple((m.kind, m.member_id, m.name) for m in self.members()),
            loans=tuple(self._loans[copy_id] for copy_id in sorted(self._loans)),
            reservations=tuple((isbn, tuple(self._queues[isbn])) for isbn in sorted(self._queues)),
            holds=tuple(sorted(self._holds.items())),
            fines=tuple(sorted(self._fines.items())),
        )

    @classmethod
    def from_state(cls, state: LibraryState, clock: Clock) -> Library:
        """Rebuild a library from `state()`. LibraryError if the state breaks an invariant (a corrupt file)."""
        library = cls(clock)
        for book in state.books:
            library.add_book(book.isbn, book.title, book.author)
        for kind, member_id, name in state.members:
            try:
                library.add_member(make_member(kind, member_id, name))
            except ValueError as error:
                raise LibraryError(f"corrupt state: {error}") from None
        for copy_id, isbn in state.copies:
            library.book(isbn)
            library._copies[copy_id] = isbn
        for loan in state.loans:
            library._restore_loan(loan)
        for copy_id, member_id in state.holds:
            library.member(member_id)
            if library.status_of(copy_id) is not CopyStatus.AVAILABLE:
                raise LibraryError(f"corrupt state: copy {copy_id} is both on loan and on hold")
            library._holds[copy_id] = member_id
        for isbn, queue in state.reservations:
            library.book(isbn)
            for member_id in queue:
                library.reserve(member_id, isbn)
        for member_id, cents in state.fines:
            library.member(member_id)
            if cents <= 0:
                raise LibraryError(f"corrupt state: member {member_id} cannot owe {cents} cents")
            library._fines[member_id] = cents
        return library

    # -- internals ---------------------------------------------------------------------------------

    def _isbn_of(self, copy_id: str) -> str:
        try:
            return self._copies[copy_id]
        except KeyError:
            raise NotFoundError(f"no copy with id {copy_id}") from None

    def _copy_for(self, member_id: str, isbn: str) -> str | None:
        for copy_id in self.copies_of(isbn):
            if self._holds.get(copy_id) == member_id:
                return copy_id
        available = self.available_copies(isbn)
        return available[0] if available else None

    def _shelve(self, copy_id: str) -> str | None:
        """A copy is free: hold it for the first member waiting for its book, if any; return who that is."""
        isbn = self._copies[copy_id]
        queue = self._queues.get(isbn)
        if not queue:
            return None
        member_id = self._holds[copy_id] = queue.popleft()
        if not queue:
            del self._queues[isbn]
        return member_id

    def _restore_loan(self, loan: Loan) -> None:
        if self._isbn_of(loan.copy_id) != loan.isbn:
            raise LibraryError(f"corrupt state: the loan of copy {loan.copy_id} names the wrong book {loan.isbn}")
        self.member(loan.member_id)
        if loan.copy_id in self._loans:
            raise LibraryError(f"corrupt state: copy {loan.copy_id} is lent twice")
        self._loans[loan.copy_id] = loan


def format_cents(cents: int) -> str:
    """250 -> '2.50'."""
    return f"{cents // 100}.{cents % 100:02d}"
