"""Fixtures for the library's tests: a clock that only moves when told, and a stocked library.

The package is imported inside the fixtures, not at the top: pytest loads this file before the
kata plugin has put the project (or, with --solutions, its reference) on the import path.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from library import FixedClock, Library

START = date(2026, 1, 5)


@pytest.fixture
def clock() -> FixedClock:
    """A clock showing Monday 5 January 2026 until a test advances it."""
    from library import FixedClock

    return FixedClock(START)


@pytest.fixture
def stocked(clock: FixedClock) -> Callable[..., Library]:
    """A function that builds a library on `clock`: Dune (2 copies), Emma (1), Ulysses (1), and three members.

    Members: `ann` (standard), `sam` (student), `tia` (staff). It is a function, not a ready
    library, so that building it happens inside the test, where an unfinished method fails the test.
    `stocked(other_clock)` builds one on another clock (a hypothesis test wants a fresh one per example).
    """

    from library import Library, StaffMember, StandardMember, StudentMember

    def build(on: FixedClock | None = None) -> Library:
        library = Library(on or clock)
        for isbn, title, author, copies in [
            ("dune", "Dune", "Frank Herbert", 2),
            ("emma", "Emma", "Jane Austen", 1),
            ("ulysses", "Ulysses", "James Joyce", 1),
        ]:
            library.add_book(isbn, title, author)
            for _ in range(copies):
                library.add_copy(isbn)
        library.add_member(StandardMember("ann", "Ann"))
        library.add_member(StudentMember("sam", "Sam"))
        library.add_member(StaffMember("tia", "Tia"))
        return library

    return build
