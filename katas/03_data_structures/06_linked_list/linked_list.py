"""A singly linked list with O(1) push, append and len."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(eq=False)
class Node(Generic[T]):
    """One link: a value and the next node."""

    value: T
    next: Node[T] | None = None


class LinkedList(Generic[T]):
    """head -> ... -> tail; keeps the tail and the size so append and len are O(1)."""

    head: Node[T] | None

    def __init__(self, values: Iterable[T] = ()) -> None:
        raise NotImplementedError("LinkedList: write me (task 1)")

    def push_front(self, value: T) -> None:
        raise NotImplementedError("LinkedList.push_front: write me (task 1)")

    def __iter__(self) -> Iterator[T]:
        raise NotImplementedError("LinkedList.__iter__: write me (task 1)")

    def __len__(self) -> int:
        raise NotImplementedError("LinkedList.__len__: write me (task 1)")

    def __repr__(self) -> str:
        raise NotImplementedError("LinkedList.__repr__: write me (task 1)")

    def append(self, value: T) -> None:
        raise NotImplementedError("LinkedList.append: write me (task 2)")

    def pop_front(self) -> T:
        """Remove and return the first value; IndexError when empty."""
        raise NotImplementedError("LinkedList.pop_front: write me (task 2)")

    def remove(self, value: T) -> None:
        """Unlink the first node holding `value`; ValueError if there is none."""
        raise NotImplementedError("LinkedList.remove: write me (task 3)")

    def reverse(self) -> None:
        """Reverse in place by re-pointing the nodes."""
        raise NotImplementedError("LinkedList.reverse: write me (task 4)")
