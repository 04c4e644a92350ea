"""Basics quiz: turn the lines of a shop's order log into a report (see README.md)."""

from collections.abc import Iterable, Iterator
from typing import Any


class BadLineError(ValueError):
    """A line of the order log that cannot be read; the message starts with `line <number>: `."""


def parse_order(line: str, number: int) -> dict[str, Any]:
    """Read `day;customer;item;quantity;price_cents` into a dict; BadLineError when it is not valid."""
    raise NotImplementedError("parse_order: write me (task 1)")


def read_orders(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Yield the orders of the log, skipping blank lines and # comments; line numbers count every line."""
    raise NotImplementedError("read_orders: write me (task 2)")


def report(lines: Iterable[str]) -> str:
    """One `name: €total` line per customer, biggest total first, ties by name."""
    raise NotImplementedError("report: write me (task 3)")
