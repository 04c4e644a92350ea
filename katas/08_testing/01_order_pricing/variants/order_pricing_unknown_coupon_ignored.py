"""Bug: an unknown coupon code is silently ignored instead of raising ValueError.

Catch it with pytest.raises(ValueError) and a made-up code (task 3).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
BULK_QUANTITY = 10
BULK_RATE = Decimal("0.90")
FREE_SHIPPING_FROM = Decimal("50.00")
SHIPPING = Decimal("4.99")


@dataclass(frozen=True)
class LineItem:
    """One line of an order: `quantity` units of `sku` at `unit_price` each."""

    sku: str
    unit_price: Decimal
    quantity: int


def line_total(item: LineItem) -> Decimal:
    """Price of one line, rounded to the cent: 10% off the line when 10 or more units are bought.

    Raises ValueError when the quantity is below 1.
    """
    if item.quantity < 1:
        raise ValueError(f"quantity must be at least 1, got {item.quantity}")
    total = item.unit_price * item.quantity
    if item.quantity >= BULK_QUANTITY:
        total *= BULK_RATE
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def apply_coupon(subtotal: Decimal, code: str) -> Decimal:
    """The subtotal after a coupon: SAVE10 takes 10% off, FLAT5 takes 5.00 off but never goes below zero.

    Codes are case-insensitive. Raises ValueError for an unknown code.
    """
    match code.strip().upper():
        case "SAVE10":
            return (subtotal * Decimal("0.90")).quantize(CENT, rounding=ROUND_HALF_UP)
        case "FLAT5":
            return max(subtotal - Decimal("5.00"), Decimal("0.00"))
        case _:
            return subtotal


def shipping(subtotal: Decimal) -> Decimal:
    """Shipping is free from 50.00 (inclusive); below that it costs 4.99."""
    return Decimal("0.00") if subtotal >= FREE_SHIPPING_FROM else SHIPPING


def order_total(items: Sequence[LineItem], coupon: str | None = None) -> Decimal:
    """Sum the lines, apply the coupon if any, then add shipping on the discounted subtotal.

    Raises ValueError for an empty order.
    """
    if not items:
        raise ValueError("an order needs at least one item")
    subtotal = sum((line_total(item) for item in items), Decimal("0.00"))
    if coupon is not None:
        subtotal = apply_coupon(subtotal, coupon)
    return subtotal + shipping(subtotal)
