"""Basics quiz: turn the lines of a shop's order log into a report (see README.md)."""

from collections.abc import Iterable, Iterator
from typing import Any

FIELDS = ("day", "customer", "item", "quantity", "price_cents")
MAX_QUANTITY = 999


class BadLineError(ValueError):
    """A line of the order log that cannot be read; the message starts with `line <number>: `."""

    def __init__(self, number: int, reason: str) -> None:
        super().__init__(f"line {number}: {reason}")
        self.number = number


def _is_count(text: str) -> bool:
    """ASCII digits only: str.isdigit() alone also accepts '٣' and '²'."""
    return text.isascii() and text.isdigit()


def parse_order(line: str, number: int) -> dict[str, Any]:
    """Read `day;customer;item;quantity;price_cents` into a dict; BadLineError when it is not valid."""
    parts = [part.strip() for part in line.split(";")]
    if len(parts) != len(FIELDS):
        raise BadLineError(number, f"expected {len(FIELDS)} fields, got {len(parts)}")
    day, customer, item, quantity, price = parts
    if not customer:
        raise BadLineError(number, "customer is blank")
    if not _is_count(quantity) or not 1 <= int(quantity) <= MAX_QUANTITY:
        raise BadLineError(number, f"quantity must be a whole number from 1 to {MAX_QUANTITY}")
    if not _is_count(price):
        raise BadLineError(number, "price must be whole cents")
    return {"day": day, "customer": customer, "item": item, "quantity": int(quantity), "price_cents": int(price)}


def read_orders(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Yield the orders of the log, skipping blank lines and # comments; line numbers count every line."""
    for number, line in enumerate(lines, start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield parse_order(line, number)


def _euros(cents: int) -> str:
    return f"€{cents // 100:,}.{cents % 100:02d}"


def report(lines: Iterable[str]) -> str:
    """One `name: €total` line per customer, biggest total first, ties by name."""
    totals: dict[str, int] = {}
    for order in read_orders(lines):
        totals[order["customer"]] = totals.get(order["customer"], 0) + order["quantity"] * order["price_cents"]
    ranked = sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))
    return "".join(f"{name}: {_euros(total)}\n" for name, total in ranked)
