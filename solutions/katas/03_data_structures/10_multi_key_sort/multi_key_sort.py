"""Sorting records by several keys: tuples, negation, stable passes and missing values."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from operator import itemgetter
from typing import Any

Record = Mapping[str, Any]


def sort_users(users: Iterable[Record]) -> list[Record]:
    """By last name, then first name, ignoring case."""
    return sorted(users, key=lambda user: (user["last"].casefold(), user["first"].casefold()))


def rank_endpoints(stats: Iterable[Record]) -> list[Record]:
    """By errors (most first), then p95_ms (slowest first), then path (A to Z)."""
    return sorted(stats, key=lambda stat: (-stat["errors"], -stat["p95_ms"], stat["path"]))


def sort_by(records: Iterable[Record], spec: Sequence[str]) -> list[Record]:
    """Sort by the fields in spec; a leading '-' means descending. Stable."""
    result = list(records)
    for field in reversed(spec):
        descending = field.startswith("-")
        result.sort(key=itemgetter(field.removeprefix("-")), reverse=descending)
    return result


def sort_tickets(tickets: Iterable[Record]) -> list[Record]:
    """By due date (None last), then priority (1 first)."""
    return sorted(tickets, key=lambda ticket: (ticket["due"] is None, ticket["due"] or date.min, ticket["priority"]))
