"""Encapsulation: objects that cannot be put into a wrong state."""

from __future__ import annotations


class InsufficientFundsError(Exception):
    """A withdrawal larger than the balance."""


class RetryPolicy:
    """How often to retry and how long to wait; every value is validated."""

    def __init__(self, max_attempts: int = 3, base_delay: float = 0.5) -> None:
        raise NotImplementedError("RetryPolicy: write me (task 1)")

    @property
    def max_attempts(self) -> int:
        raise NotImplementedError("RetryPolicy.max_attempts: write me and a validating setter (task 1)")

    @property
    def base_delay(self) -> float:
        raise NotImplementedError("RetryPolicy.base_delay: write me and a validating setter (task 1)")

    @property
    def delays(self) -> tuple[float, ...]:
        """The waits between attempts: base_delay, doubling each time (read-only)."""
        raise NotImplementedError("RetryPolicy.delays: write me (task 1)")


class Wallet:
    """A balance in cents that never goes below zero."""

    def __init__(self) -> None:
        raise NotImplementedError("Wallet: write me (task 2)")

    @property
    def balance(self) -> int:
        raise NotImplementedError("Wallet.balance: write me (task 2)")

    @property
    def history(self) -> tuple[int, ...]:
        """Every deposit (positive) and withdrawal (negative), oldest first."""
        raise NotImplementedError("Wallet.history: write me (task 2)")

    def deposit(self, cents: int) -> None:
        raise NotImplementedError("Wallet.deposit: write me (task 2)")

    def withdraw(self, cents: int) -> None:
        raise NotImplementedError("Wallet.withdraw: write me (task 2)")


class Metric:
    """One measurement. Give me __slots__ (task 3)."""

    def __init__(self, name: str, value: float, timestamp: int) -> None:
        raise NotImplementedError("Metric: write me (task 3)")


class ApiClient:
    """Sends a bearer token; keeps it in a mangled attribute."""

    def __init__(self, token: str) -> None:
        raise NotImplementedError("ApiClient: write me (task 4)")

    def auth_header(self) -> dict[str, str]:
        raise NotImplementedError("ApiClient.auth_header: write me (task 4)")

    def __repr__(self) -> str:
        raise NotImplementedError("ApiClient.__repr__: write me (task 4)")
