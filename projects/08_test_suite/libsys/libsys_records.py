"""The library's records: immutable values, so nobody outside the Library can change one behind its back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum


@dataclass(frozen=True)
class Book:
    """A title in the catalogue. The library owns copies of it."""

    isbn: str
    title: str
    author: str


class CopyStatus(Enum):
    """Where a copy is: on the shelf, lent out, or set aside for the member first in the reservation queue."""

    AVAILABLE = "available"
    ON_LOAN = "on loan"
    ON_HOLD = "on hold"


@dataclass(frozen=True)
class Loan:
    """One copy lent to one member."""

    copy_id: str
    isbn: str
    member_id: str
    borrowed_on: date
    due_on: date

    def days_overdue(self, today: date) -> int:
        """How many days past the due date `today` is (0 if not yet due)."""
        return max(0, (today - self.due_on).days)


@dataclass(frozen=True)
class Return:
    """What happened when a copy came back: the loan, the fine charged, and who it is now held for."""

    loan: Loan
    fine: int
    held_for: str | None


@dataclass(frozen=True)
class LibraryState:
    """Everything the library knows, as plain immutable data: what storage saves and loads.

    Sequences are in a fixed order (ids ascending, queues first-come first), so that two
    equal libraries have equal states.
    """

    books: tuple[Book, ...]
    copies: tuple[tuple[str, str], ...]  # (copy_id, isbn)
    members: tuple[tuple[str, str, str], ...]  # (kind, member_id, name)
    loans: tuple[Loan, ...]
    reservations: tuple[tuple[str, tuple[str, ...]], ...]  # (isbn, member ids in queue order)
    holds: tuple[tuple[str, str], ...]  # (copy_id, member_id)
    fines: tuple[tuple[str, int], ...]  # (member_id, cents owed), only members who owe
