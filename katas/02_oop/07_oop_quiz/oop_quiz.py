"""The OOP quiz: line items, a cart and discounts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class LineItem:
    """Some units of one product at one price, in cents."""

    sku: str
    unit_price: int
    quantity: int = 1

    def __post_init__(self) -> None:
        raise NotImplementedError("LineItem: check the fields (task 1)")

    @property
    def total(self) -> int:
        raise NotImplementedError("LineItem.total: write me (task 1)")


class Cart:
    """Line items by SKU, in the order they were first added."""

    def __init__(self) -> None:
        raise NotImplementedError("Cart: write me (task 2)")

    def add(self, item: LineItem) -> None:
        """Add an item; a SKU already in the cart gets the quantity added to its line."""
        raise NotImplementedError("Cart.add: write me (task 2)")

    @property
    def lines(self) -> tuple[LineItem, ...]:
        raise NotImplementedError("Cart.lines: write me (task 2)")

    @property
    def total(self) -> int:
        raise NotImplementedError("Cart.total: write me (task 2)")

    def __len__(self) -> int:
        raise NotImplementedError("len(cart): write me (task 2)")

    def __iter__(self) -> Iterator[LineItem]:
        raise NotImplementedError("iter(cart): write me (task 2)")

    def __add__(self, other: object) -> Cart:
        raise NotImplementedError("cart + cart: write me (task 2)")

    def checkout(self, *discounts: Discount) -> int:
        """The total after each discount in turn; the cart itself does not change."""
        raise NotImplementedError("Cart.checkout: write me (task 3)")


class Discount:
    """Something that lowers a total in cents. Make me an abstract base class (task 3)."""

    def apply(self, total: int) -> int:
        """The new total."""
        raise NotImplementedError("Discount.apply: write me (task 3)")


class PercentOff(Discount):
    """Takes `percent` % off, the discount rounded down to whole cents."""

    def __init__(self, percent: int) -> None:
        raise NotImplementedError("PercentOff: write me (task 3)")


class AmountOff(Discount):
    """Takes a fixed amount off, never below zero."""

    def __init__(self, cents: int) -> None:
        raise NotImplementedError("AmountOff: write me (task 3)")
