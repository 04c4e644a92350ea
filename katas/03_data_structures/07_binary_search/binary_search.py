"""Binary search: O(log n) look-ups in sorted data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

Deploy = tuple[int, str]


def first_occurrence(items: Sequence[Any], target: Any) -> int:
    """The index of the first item equal to target, or -1. Write the loop yourself."""
    raise NotImplementedError("first_occurrence: write me (task 1)")


def last_occurrence(items: Sequence[Any], target: Any) -> int:
    """The index of the last item equal to target, or -1. Write the loop yourself."""
    raise NotImplementedError("last_occurrence: write me (task 2)")


def count_between(values: Sequence[int], low: int, high: int) -> int:
    """How many values v satisfy low <= v <= high."""
    raise NotImplementedError("count_between: write me (task 3)")


def live_release(deploys: Sequence[Deploy], at: int) -> str | None:
    """The version of the last deploy at or before `at`, or None."""
    raise NotImplementedError("live_release: write me (task 3)")


def first_bad(n: int, is_bad: Callable[[int], bool]) -> int:
    """The first build for which is_bad is true (n if none), with O(log n) calls."""
    raise NotImplementedError("first_bad: write me (task 4)")
