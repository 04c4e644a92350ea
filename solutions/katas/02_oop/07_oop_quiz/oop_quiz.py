"""The OOP quiz: line items, a cart and discounts."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass


def _whole_number(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    return value


@dataclass(frozen=True)
class LineItem:
    """Some units of one product at one price, in cents."""

    sku: str
    unit_price: int
    quantity: int = 1

    def __post_init__(self) -> None:
        if not self.sku or " " in self.sku:
            raise ValueError(f"a sku is a word without spaces, got {self.sku!r}")
        if _whole_number("unit_price", self.unit_price) < 0:
            raise ValueError(f"unit_price cannot be negative, got {self.unit_price}")
        if _whole_number("quantity", self.quantity) < 1:
            raise ValueError(f"quantity must be at least 1, got {self.quantity}")

    @property
    def total(self) -> int:
        return self.unit_price * self.quantity


class Cart:
    """Line items by SKU, in the order they were first added."""

    def __init__(self) -> None:
        self._lines: dict[str, LineItem] = {}

    def add(self, item: LineItem) -> None:
        """Add an item; a SKU already in the cart gets the quantity added to its line."""
        line = self._lines.get(item.sku)
        if line is None:
            self._lines[item.sku] = item
            return
        if line.unit_price != item.unit_price:
            raise ValueError(f"{item.sku} is in the cart at price {line.unit_price}, not {item.unit_price}")
        self._lines[item.sku] = LineItem(item.sku, item.unit_price, line.quantity + item.quantity)

    @property
    def lines(self) -> tuple[LineItem, ...]:
        return tuple(self._lines.values())

    @property
    def total(self) -> int:
        return sum(line.total for line in self._lines.values())

    def __len__(self) -> int:
        return sum(line.quantity for line in self._lines.values())

    def __iter__(self) -> Iterator[LineItem]:
        return iter(self.lines)

    def __add__(self, other: object) -> Cart:
        if not isinstance(other, Cart):
            return NotImplemented
        combined = Cart()
        for line in (*self.lines, *other.lines):
            combined.add(line)
        return combined

    def checkout(self, *discounts: Discount) -> int:
        """The total after each discount in turn; the cart itself does not change."""
        total = self.total
        for discount in discounts:
            total = discount.apply(total)
        return total


class Discount(ABC):
    """Something that lowers a total in cents."""

    @abstractmethod
    def apply(self, total: int) -> int:
        """The new total."""


class PercentOff(Discount):
    """Takes `percent` % off, the discount rounded down to whole cents."""

    def __init__(self, percent: int) -> None:
        if not 1 <= _whole_number("percent", percent) <= 100:
            raise ValueError(f"percent must be between 1 and 100, got {percent}")
        self.percent = percent

    def apply(self, total: int) -> int:
        return total - total * self.percent // 100


class AmountOff(Discount):
    """Takes a fixed amount off, never below zero."""

    def __init__(self, cents: int) -> None:
        if _whole_number("cents", cents) < 1:
            raise ValueError(f"cents must be positive, got {cents}")
        self.cents = cents

    def apply(self, total: int) -> int:
        return max(0, total - self.cents)
