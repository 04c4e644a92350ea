"""libsys: a correct library management system (project 2's reference, plus a notifier) for you to test.

Do not change this package: project 8 grades YOUR tests, by running them against it and against buggy copies.
"""

from libsys.libsys_clock import Clock, FixedClock, SystemClock
from libsys.libsys_errors import (
    BorrowingRefusedError,
    DuplicateError,
    LibraryError,
    LoanLimitReachedError,
    NoCopyAvailableError,
    NotFoundError,
    NotificationError,
    NotOnLoanError,
    PaymentError,
    ReservationError,
    UnpaidFinesError,
)
from libsys.libsys_members import MEMBER_KINDS, Member, StaffMember, StandardMember, StudentMember, make_member
from libsys.libsys_notify import Notifier, WebhookNotifier
from libsys.libsys_records import Book, CopyStatus, LibraryState, Loan, Return
from libsys.libsys_service import Library, format_cents
from libsys.libsys_storage import from_json, load, save, to_json

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
    "NotificationError",
    "Notifier",
    "PaymentError",
    "ReservationError",
    "Return",
    "StaffMember",
    "StandardMember",
    "StudentMember",
    "SystemClock",
    "UnpaidFinesError",
    "WebhookNotifier",
    "format_cents",
    "from_json",
    "load",
    "make_member",
    "save",
    "to_json",
]
