"""Binary search: O(log n) look-ups in sorted data."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import Any

Deploy = tuple[int, str]


def _leftmost(items: Sequence[Any], target: Any) -> int:
    """The first index whose item is not less than target (where target would be inserted on the left)."""
    lo, hi = 0, len(items)
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _rightmost(items: Sequence[Any], target: Any) -> int:
    """The first index whose item is greater than target."""
    lo, hi = 0, len(items)
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] <= target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def first_occurrence(items: Sequence[Any], target: Any) -> int:
    """The index of the first item equal to target, or -1."""
    index = _leftmost(items, target)
    return index if index < len(items) and items[index] == target else -1


def last_occurrence(items: Sequence[Any], target: Any) -> int:
    """The index of the last item equal to target, or -1."""
    index = _rightmost(items, target) - 1
    return index if index >= 0 and items[index] == target else -1


def count_between(values: Sequence[int], low: int, high: int) -> int:
    """How many values v satisfy low <= v <= high."""
    if low > high:
        return 0
    return bisect_right(values, high) - bisect_left(values, low)


def live_release(deploys: Sequence[Deploy], at: int) -> str | None:
    """The version of the last deploy at or before `at`, or None."""
    index = bisect_right(deploys, at, key=lambda deploy: deploy[0]) - 1
    return deploys[index][1] if index >= 0 else None


def first_bad(n: int, is_bad: Callable[[int], bool]) -> int:
    """The first build for which is_bad is true (n if none), with O(log n) calls."""
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi) // 2
        if is_bad(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo
