"""Merge sort and quicksort, written by hand (no sorted(), no list.sort())."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
Key = Callable[[Any], Any]


def merge(left: Sequence[T], right: Sequence[T], key: Key | None = None) -> list[T]:
    """Merge two lists sorted by key into one; on ties, items from left come first."""
    raise NotImplementedError("merge: write me (task 1)")


def merge_sort(items: Sequence[T], key: Key | None = None) -> list[T]:
    """A new, stably sorted list."""
    raise NotImplementedError("merge_sort: write me (task 2)")


def quicksort(items: Sequence[T]) -> list[T]:
    """A new sorted list, by three-way partitioning around a random pivot."""
    raise NotImplementedError("quicksort: write me (task 3)")
