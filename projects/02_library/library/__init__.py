"""A library management system: a domain model with invariants, JSON persistence and a small CLI."""

from library.library_clock import Clock, FixedClock, SystemClock
from library.library_errors import (
    BorrowingRefusedError,
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
from library.library_members import MEMBER_KINDS, Member, StaffMember, StandardMember, StudentMember, make_member
from library.library_records import Book, CopyStatus, LibraryState, Loan, Return
from library.library_service import Library

__all__ = [
    "MEMBER_KINDS",
    "Book",
    "BorrowingRefusedError",
    "Clock",
    "CopyStatus",
    "DuplicateError",
    "FixedClock",
    "Library",
    "LibraryError",
    "LibraryState",
    "Loan",
    "LoanLimitReachedError",
    "Member",
    "NoCopyAvailableError",
    "NotFoundError",
    "NotOnLoanError",
    "PaymentError",
    "ReservationError",
    "Return",
    "StaffMember",
    "StandardMember",
    "StudentMember",
    "SystemClock",
    "UnpaidFinesError",
    "make_member",
]
