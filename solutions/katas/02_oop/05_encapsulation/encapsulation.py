"""Encapsulation: objects that cannot be put into a wrong state."""

from __future__ import annotations

MAX_ATTEMPTS_LIMIT = 10


class InsufficientFundsError(Exception):
    """A withdrawal larger than the balance."""


class RetryPolicy:
    """How often to retry and how long to wait; every value is validated."""

    def __init__(self, max_attempts: int = 3, base_delay: float = 0.5) -> None:
        self.max_attempts = max_attempts
        self.base_delay = base_delay

    @property
    def max_attempts(self) -> int:
        return self._max_attempts

    @max_attempts.setter
    def max_attempts(self, value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"max_attempts must be an int, got {type(value).__name__}")
        if not 1 <= value <= MAX_ATTEMPTS_LIMIT:
            raise ValueError(f"max_attempts must be between 1 and {MAX_ATTEMPTS_LIMIT}, got {value}")
        self._max_attempts = value

    @property
    def base_delay(self) -> float:
        return self._base_delay

    @base_delay.setter
    def base_delay(self, value: float) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"base_delay must be a number of seconds, got {type(value).__name__}")
        if value < 0:
            raise ValueError(f"base_delay cannot be negative, got {value}")
        self._base_delay = float(value)

    @property
    def delays(self) -> tuple[float, ...]:
        """The waits between attempts: base_delay, doubling each time (read-only)."""
        return tuple(self._base_delay * 2**retry for retry in range(self._max_attempts - 1))


def _positive_cents(cents: int) -> int:
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise TypeError(f"an amount is a whole number of cents, got {cents!r}")
    if cents <= 0:
        raise ValueError(f"an amount must be positive, got {cents}")
    return cents


class Wallet:
    """A balance in cents that never goes below zero."""

    def __init__(self) -> None:
        self._balance = 0
        self._history: list[int] = []

    @property
    def balance(self) -> int:
        return self._balance

    @property
    def history(self) -> tuple[int, ...]:
        """Every deposit (positive) and withdrawal (negative), oldest first."""
        return tuple(self._history)

    def deposit(self, cents: int) -> None:
        self._apply(_positive_cents(cents))

    def withdraw(self, cents: int) -> None:
        cents = _positive_cents(cents)
        if cents > self._balance:
            raise InsufficientFundsError(f"cannot withdraw {cents}, balance is {self._balance}")
        self._apply(-cents)

    def _apply(self, change: int) -> None:
        self._balance += change
        self._history.append(change)


class Metric:
    """One measurement; slots keep it small and refuse unknown attributes."""

    __slots__ = ("name", "timestamp", "value")

    def __init__(self, name: str, value: float, timestamp: int) -> None:
        self.name = name
        self.value = value
        self.timestamp = timestamp


class ApiClient:
    """Sends a bearer token; keeps it in a mangled attribute."""

    def __init__(self, token: str) -> None:
        self.__token = token

    def auth_header(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.__token}"}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(token='…{self.__token[-4:]}')"
