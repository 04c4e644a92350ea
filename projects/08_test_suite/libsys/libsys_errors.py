"""Every rule the library enforces has an error of its own, all under LibraryError."""


class LibraryError(Exception):
    """A request the library refuses. The message says why, in words a librarian would use."""


class NotFoundError(LibraryError):
    """No book, copy or member with that id."""


class DuplicateError(LibraryError):
    """A book or member with that id already exists."""


class BorrowingRefusedError(LibraryError):
    """The member may not borrow right now; a subclass says why."""


class NoCopyAvailableError(BorrowingRefusedError):
    """Every copy is on loan or held for someone else (the member can reserve the book)."""


class LoanLimitReachedError(BorrowingRefusedError):
    """The member already has as many loans as their membership allows."""


class UnpaidFinesError(BorrowingRefusedError):
    """The member owes fines; they must pay before borrowing."""


class NotOnLoanError(LibraryError):
    """The copy being returned is not on loan."""


class ReservationError(LibraryError):
    """The reservation makes no sense: a copy is free, or the member is already waiting."""


class PaymentError(LibraryError):
    """A payment that is not positive, or more than the member owes."""


class NotificationError(LibraryError):
    """A message to a member could not be delivered (the mail service refused it or could not be reached)."""
