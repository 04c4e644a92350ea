"""A Money value type: exact amounts, one currency, operators that refuse nonsense."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal


class CurrencyMismatchError(ValueError):
    """Two amounts in different currencies were combined or compared."""


@dataclass(frozen=True)
class Money:
    """An amount of one currency, to the cent."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        raise NotImplementedError("Money.__post_init__: validate and normalise (task 1)")

    def __str__(self) -> str:
        raise NotImplementedError("Money.__str__: write me (task 1)")

    def __add__(self, other: object) -> Money:
        raise NotImplementedError("Money.__add__: write me (task 2)")

    def __radd__(self, other: object) -> Money:
        raise NotImplementedError("Money.__radd__: write me so sum() works (task 2)")

    def __sub__(self, other: object) -> Money:
        raise NotImplementedError("Money.__sub__: write me (task 2)")

    def __neg__(self) -> Money:
        raise NotImplementedError("Money.__neg__: write me (task 2)")

    def __mul__(self, factor: object) -> Money:
        raise NotImplementedError("Money.__mul__: write me (task 2)")

    def __rmul__(self, factor: object) -> Money:
        raise NotImplementedError("Money.__rmul__: write me (task 2)")

    def __lt__(self, other: object) -> bool:
        raise NotImplementedError("Money.__lt__: write me, and the other comparisons (task 3)")

    def allocate(self, ratios: Sequence[int]) -> list[Money]:
        """Split into shares proportional to `ratios` that add up exactly to this amount."""
        raise NotImplementedError("Money.allocate: write me (task 4)")
