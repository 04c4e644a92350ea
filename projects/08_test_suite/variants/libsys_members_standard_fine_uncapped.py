"""Bug: the standard member's fine has no cap.

The rule not tested: a standard fine is at most 1000 cents (10.00) per loan, however late (41+ days). (milestone 3)
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class Member(ABC):
    """Someone who can borrow. What they may borrow, for how long, and what lateness costs depends on the kind."""

    member_id: str
    name: str
    kind: ClassVar[str]

    @property
    @abstractmethod
    def loan_limit(self) -> int:
        """How many copies this member may have on loan at once."""

    @property
    @abstractmethod
    def loan_days(self) -> int:
        """How many days a loan lasts before it is due."""

    @abstractmethod
    def fine_for(self, days_late: int) -> int:
        """The fine, in cents, for returning a copy `days_late` days after it was due (0 or more)."""


def _capped_daily_fine(days_late: int, cents_per_day: int, cap: int) -> int:
    if days_late < 0:
        raise ValueError(f"days_late cannot be negative, got {days_late}")
    return min(days_late * cents_per_day, cap)


@dataclass(frozen=True)
class StandardMember(Member):
    """3 loans of 21 days; 25 cents a day late, at most 10.00 per loan."""

    kind: ClassVar[str] = "standard"

    @property
    def loan_limit(self) -> int:
        return 3

    @property
    def loan_days(self) -> int:
        return 21

    def fine_for(self, days_late: int) -> int:
        return _capped_daily_fine(days_late, cents_per_day=25, cap=10**9)


@dataclass(frozen=True)
class StudentMember(Member):
    """5 loans of 14 days; half the standard rate (12.5 cents a day, rounded half up to a cent), at most 3.00."""

    kind: ClassVar[str] = "student"

    @property
    def loan_limit(self) -> int:
        return 5

    @property
    def loan_days(self) -> int:
        return 14

    def fine_for(self, days_late: int) -> int:
        if days_late < 0:
            raise ValueError(f"days_late cannot be negative, got {days_late}")
        return min((days_late * 25 + 1) // 2, 300)


@dataclass(frozen=True)
class StaffMember(Member):
    """10 loans of 42 days; never fined."""

    kind: ClassVar[str] = "staff"

    @property
    def loan_limit(self) -> int:
        return 10

    @property
    def loan_days(self) -> int:
        return 42

    def fine_for(self, days_late: int) -> int:
        return _capped_daily_fine(days_late, cents_per_day=0, cap=0)


#: Every kind of member by its `kind` name: how storage and the CLI turn "student" into a class.
MEMBER_KINDS: dict[str, type[Member]] = {cls.kind: cls for cls in (StandardMember, StudentMember, StaffMember)}


def make_member(kind: str, member_id: str, name: str) -> Member:
    """A member of the named kind; ValueError for a kind that does not exist."""
    try:
        return MEMBER_KINDS[kind](member_id, name)
    except KeyError:
        raise ValueError(f"unknown member kind {kind!r}; choose one of {', '.join(MEMBER_KINDS)}") from None
