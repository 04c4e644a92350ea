"""The data structures quiz: a shop's orders, searched, counted, ranked and priced."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple


class Order(NamedTuple):
    """One order: when (seconds), who, what and how many."""

    at: int
    customer: int
    product: str
    quantity: int


def first_repeat_customer(orders: Iterable[Order]) -> int | None:
    """The customer whose second order comes first, or None."""
    seen: set[int] = set()
    for order in orders:
        if order.customer in seen:
            return order.customer
        seen.add(order.customer)
    return None


def orders_between(orders: Sequence[Order], start: int, end: int) -> list[Order]:
    """The orders with start <= at <= end, from orders sorted by `at`."""
    if start > end:
        return []
    low = bisect_left(orders, start, key=lambda order: order.at)
    high = bisect_right(orders, end, key=lambda order: order.at)
    return [orders[index] for index in range(low, high)]


def top_products(orders: Iterable[Order], n: int) -> list[tuple[str, int]]:
    """The n products with the largest total quantity; ties by product name."""
    totals: Counter[str] = Counter()
    for order in orders:
        totals[order.product] += order.quantity
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:n]


def bundle_total(bundle: Mapping[str, Any]) -> int:
    """The price of a product, or of a bundle: its items' totals minus percent_off (rounded down)."""
    if "price" in bundle:
        return int(bundle["price"])
    subtotal = sum(bundle_total(item) for item in bundle["items"])
    return subtotal - subtotal * int(bundle.get("percent_off", 0)) // 100
