"""Merge sort and quicksort, written by hand (no sorted(), no list.sort())."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
Key = Callable[[Any], Any]


def _identity(item: Any) -> Any:
    return item


def merge(left: Sequence[T], right: Sequence[T], key: Key | None = None) -> list[T]:
    """Merge two lists sorted by key into one; on ties, items from left come first."""
    key = key or _identity
    merged: list[T] = []
    i = j = 0
    while i < len(left) and j < len(right):
        if key(left[i]) <= key(right[j]):
            merged.append(left[i])
            i += 1
        else:
            merged.append(right[j])
            j += 1
    merged.extend(left[i:])
    merged.extend(right[j:])
    return merged


def merge_sort(items: Sequence[T], key: Key | None = None) -> list[T]:
    """A new, stably sorted list."""
    if len(items) <= 1:
        return list(items)
    middle = len(items) // 2
    return merge(merge_sort(items[:middle], key), merge_sort(items[middle:], key), key)


def quicksort(items: Sequence[T]) -> list[T]:
    """A new sorted list, by three-way partitioning around a random pivot."""
    if len(items) <= 1:
        return list(items)
    pivot: Any = random.choice(items)
    less = [item for item in items if item < pivot]
    equal = [item for item in items if item == pivot]
    greater = [item for item in items if item > pivot]
    return quicksort(less) + equal + quicksort(greater)
