"""A bounded FIFO queue on a ring buffer: a fixed list of slots whose start wraps around."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar, cast

T = TypeVar("T")


class QueueFullError(Exception):
    """The queue has no free slot."""


class RingBuffer(Generic[T]):
    """At most `capacity` items, first in, first out; every operation is O(1)."""

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, got {capacity}")
        self._slots: list[T | None] = [None] * capacity
        self._head = 0
        self._size = 0

    @property
    def capacity(self) -> int:
        return len(self._slots)

    def __len__(self) -> int:
        return self._size

    def is_full(self) -> bool:
        return self._size == len(self._slots)

    def enqueue(self, item: T) -> None:
        """Add at the back; QueueFullError when full."""
        if self.is_full():
            raise QueueFullError(f"queue is full (capacity {self.capacity})")
        self._slots[(self._head + self._size) % len(self._slots)] = item
        self._size += 1

    def dequeue(self) -> T:
        """Remove and return the oldest item; IndexError when empty."""
        item = self.peek()
        self._slots[self._head] = None
        self._head = (self._head + 1) % len(self._slots)
        self._size -= 1
        return item

    def peek(self) -> T:
        """The oldest item, left in place; IndexError when empty."""
        if not self._size:
            raise IndexError("the queue is empty")
        return cast(T, self._slots[self._head])

    def __iter__(self) -> Iterator[T]:
        """Oldest to newest, without changing the queue."""
        for offset in range(self._size):
            yield cast(T, self._slots[(self._head + offset) % len(self._slots)])

    def push_overwrite(self, item: T) -> T | None:
        """Add at the back; when full, drop and return the oldest item first."""
        dropped = self.dequeue() if self.is_full() else None
        self.enqueue(item)
        return dropped
