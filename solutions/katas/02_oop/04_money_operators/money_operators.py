"""A Money value type: exact amounts, one currency, operators that refuse nonsense."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
_CURRENCY = re.compile(r"[A-Z]{3}")


class CurrencyMismatchError(ValueError):
    """Two amounts in different currencies were combined or compared."""


@functools.total_ordering
@dataclass(frozen=True)
class Money:
    """An amount of one currency, to the cent."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        amount: object = self.amount
        if isinstance(amount, bool | float) or not isinstance(amount, int | Decimal):
            raise TypeError(f"use Decimal or int for money, not {type(amount).__name__}")
        value = Decimal(amount)
        if not value.is_finite():
            raise ValueError(f"an amount must be finite, got {value}")
        cents = value.quantize(CENT)
        if cents != value:
            raise ValueError(f"an amount has at most two decimal places, got {value}")
        if not _CURRENCY.fullmatch(self.currency):
            raise ValueError(f"a currency is three upper-case letters, got {self.currency!r}")
        object.__setattr__(self, "amount", cents)

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"

    def _same_currency(self, other: Money) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(f"cannot combine {self.currency} and {other.currency}")

    def __add__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __radd__(self, other: object) -> Money:
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __mul__(self, factor: object) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, int | Decimal):
            return NotImplemented
        return Money((self.amount * factor).quantize(CENT, rounding=ROUND_HALF_UP), self.currency)

    __rmul__ = __mul__

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other)
        return self.amount < other.amount

    def allocate(self, ratios: Sequence[int]) -> list[Money]:
        """Split into shares proportional to `ratios` that add up exactly to this amount."""
        if not ratios or any(ratio < 0 for ratio in ratios) or sum(ratios) == 0:
            raise ValueError(f"ratios must be non-negative with at least one above zero, got {list(ratios)}")
        total = sum(ratios)
        sign = -1 if self.amount < 0 else 1
        cents = int(abs(self.amount) * 100)
        shares = [cents * ratio // total for ratio in ratios]
        leftover = cents - sum(shares)
        for index, ratio in enumerate(ratios):
            if leftover == 0:
                break
            if ratio > 0:
                shares[index] += 1
                leftover -= 1
        return [Money(sign * Decimal(share) / 100, self.currency) for share in shares]
