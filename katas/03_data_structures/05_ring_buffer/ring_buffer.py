"""A bounded FIFO queue on a ring buffer: a fixed list of slots whose start wraps around."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class QueueFullError(Exception):
    """The queue has no free slot."""


class RingBuffer(Generic[T]):
    """At most `capacity` items, first in, first out; every operation is O(1)."""

    def __init__(self, capacity: int) -> None:
        raise NotImplementedError("RingBuffer: write me (task 1)")

    @property
    def capacity(self) -> int:
        raise NotImplementedError("RingBuffer.capacity: write me (task 1)")

    def __len__(self) -> int:
        raise NotImplementedError("RingBuffer.__len__: write me (task 1)")

    def is_full(self) -> bool:
        raise NotImplementedError("RingBuffer.is_full: write me (task 1)")

    def enqueue(self, item: T) -> None:
        """Add at the back; QueueFullError when full."""
        raise NotImplementedError("RingBuffer.enqueue: write me (task 1)")

    def dequeue(self) -> T:
        """Remove and return the oldest item; IndexError when empty."""
        raise NotImplementedError("RingBuffer.dequeue: write me (task 1)")

    def peek(self) -> T:
        """The oldest item, left in place; IndexError when empty."""
        raise NotImplementedError("RingBuffer.peek: write me (task 2)")

    def __iter__(self) -> Iterator[T]:
        """Oldest to newest, without changing the queue."""
        raise NotImplementedError("RingBuffer.__iter__: write me (task 2)")

    def push_overwrite(self, item: T) -> T | None:
        """Add at the back; when full, drop and return the oldest item first."""
        raise NotImplementedError("RingBuffer.push_overwrite: write me (task 3)")
