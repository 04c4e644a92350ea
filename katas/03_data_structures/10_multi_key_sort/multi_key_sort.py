"""Sorting records by several keys: tuples, negation, stable passes and missing values."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

Record = Mapping[str, Any]


def sort_users(users: Iterable[Record]) -> list[Record]:
    """By last name, then first name, ignoring case."""
    raise NotImplementedError("sort_users: write me (task 1)")


def rank_endpoints(stats: Iterable[Record]) -> list[Record]:
    """By errors (most first), then p95_ms (slowest first), then path (A to Z)."""
    raise NotImplementedError("rank_endpoints: write me (task 2)")


def sort_by(records: Iterable[Record], spec: Sequence[str]) -> list[Record]:
    """Sort by the fields in spec; a leading '-' means descending. Stable."""
    raise NotImplementedError("sort_by: write me (task 3)")


def sort_tickets(tickets: Iterable[Record]) -> list[Record]:
    """By due date (None last), then priority (1 first)."""
    raise NotImplementedError("sort_tickets: write me (task 4)")
