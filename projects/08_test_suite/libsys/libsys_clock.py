"""The library asks a clock for today's date, so that tests (and the CLI's --today) can say what day it is."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Protocol


class Clock(Protocol):
    """Anything that knows today's date."""

    def today(self) -> date: ...


class SystemClock:
    """The real date, from the computer's clock."""

    def today(self) -> date:
        return date.today()


class FixedClock:
    """A clock that shows one date until it is told to move: for tests."""

    def __init__(self, today: date) -> None:
        self._today = today

    def today(self) -> date:
        return self._today

    def advance(self, days: int) -> None:
        """Move the date `days` days on."""
        self._today += timedelta(days=days)
