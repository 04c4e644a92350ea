"""A binary-heap priority queue with an index map, so that `update` and `remove` are O(log n).

Keep the entries in a list where each one ranks no later than its children
(at 2i+1 and 2i+2). The README's milestones say what to add when; its hints
say how. Do not use `heapq`: writing sift-up and sift-down is the point.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any, Generic, Literal, Protocol, TypeVar


class SupportsLessThan(Protocol):
    """Anything ordered by `<`: numbers, strings, tuples, dates..."""

    def __lt__(self, other: Any, /) -> bool: ...


T = TypeVar("T", bound=Hashable)
Order = Literal["min", "max"]
_NO_PRIORITY: Any = object()


class PriorityQueue(Generic[T]):
    """A priority queue of distinct hashable items: min-first by default, `order="max"` for max-first.

    An item's priority is the one given to `push`, else `key(item)`, else the item itself.
    Among equal priorities, items leave in the order they arrived (an `update` counts as arriving anew).
    """

    def __init__(
        self,
        items: Iterable[T] = (),
        *,
        key: Callable[[T], SupportsLessThan] | None = None,
        order: Order = "min",
    ) -> None:
        """Queue `items` (each with its default priority). ValueError for an `order` other than min or max."""
        raise NotImplementedError("PriorityQueue: write me (milestones 1 and 2)")

    def __len__(self) -> int:
        raise NotImplementedError("__len__: write me (milestone 1)")

    def __bool__(self) -> bool:
        raise NotImplementedError("__bool__: write me (milestone 1)")

    def push(self, item: T, priority: SupportsLessThan = _NO_PRIORITY) -> None:
        """Add `item`. ValueError if it is already queued (use `update` to change its priority)."""
        raise NotImplementedError("push: write me (milestone 1)")

    def pop(self) -> T:
        """Remove and return the next item. IndexError if the queue is empty."""
        raise NotImplementedError("pop: write me (milestone 1)")

    def peek(self) -> T:
        """The next item out, left in place. IndexError if the queue is empty."""
        raise NotImplementedError("peek: write me (milestone 1)")

    def update(self, item: T, priority: SupportsLessThan) -> None:
        """Give a queued `item` a new priority, in O(log n). KeyError if it is not queued."""
        raise NotImplementedError("update: write me (milestone 3)")

    def remove(self, item: T) -> None:
        """Take `item` out of the queue wherever it is, in O(log n). KeyError if it is not queued."""
        raise NotImplementedError("remove: write me (milestone 3)")

    def __contains__(self, item: object) -> bool:
        raise NotImplementedError("__contains__: write me (milestone 3)")

    def priority_of(self, item: T) -> SupportsLessThan:
        """The priority `item` is queued with. KeyError if it is not queued."""
        raise NotImplementedError("priority_of: write me (milestone 3)")

    def __iter__(self) -> Iterator[T]:
        """The items in the order `pop` would give them, without removing any.

        RuntimeError if the queue changes while the iteration runs.
        """
        raise NotImplementedError("__iter__: write me (milestone 4)")
