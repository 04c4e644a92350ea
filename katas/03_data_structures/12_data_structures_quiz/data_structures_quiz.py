"""The data structures quiz: a shop's orders, searched, counted, ranked and priced."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple


class Order(NamedTuple):
    """One order: when (seconds), who, what and how many. Written for you."""

    at: int
    customer: int
    product: str
    quantity: int


def first_repeat_customer(orders: Iterable[Order]) -> int | None:
    """The customer whose second order comes first, or None."""
    raise NotImplementedError("first_repeat_customer: write me (task 1)")


def orders_between(orders: Sequence[Order], start: int, end: int) -> list[Order]:
    """The orders with start <= at <= end, from orders sorted by `at`."""
    raise NotImplementedError("orders_between: write me (task 2)")


def top_products(orders: Iterable[Order], n: int) -> list[tuple[str, int]]:
    """The n products with the largest total quantity; ties by product name."""
    raise NotImplementedError("top_products: write me (task 3)")


def bundle_total(bundle: Mapping[str, Any]) -> int:
    """The price of a product, or of a bundle: its items' totals minus percent_off (rounded down)."""
    raise NotImplementedError("bundle_total: write me (task 4)")
