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
        self.head = None
        self._tail: Node[T] | None = None
        self._size = 0
        for value in values:
            self.append(value)

    def push_front(self, value: T) -> None:
        self.head = Node(value, self.head)
        if self._tail is None:
            self._tail = self.head
        self._size += 1

    def __iter__(self) -> Iterator[T]:
        node = self.head
        while node is not None:
            yield node.value
            node = node.next

    def __len__(self) -> int:
        return self._size

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"

    def append(self, value: T) -> None:
        node = Node(value)
        if self._tail is None:
            self.head = node
        else:
            self._tail.next = node
        self._tail = node
        self._size += 1

    def pop_front(self) -> T:
        """Remove and return the first value; IndexError when empty."""
        if self.head is None:
            raise IndexError("pop from an empty linked list")
        node = self.head
        self.head = node.next
        if self.head is None:
            self._tail = None
        self._size -= 1
        return node.value

    def remove(self, value: T) -> None:
        """Unlink the first node holding `value`; ValueError if there is none."""
        previous: Node[T] | None = None
        node = self.head
        while node is not None and node.value != value:
            previous, node = node, node.next
        if node is None:
            raise ValueError(f"{value!r} is not in the list")
        if previous is None:
            self.head = node.next
        else:
            previous.next = node.next
        if node is self._tail:
            self._tail = previous
        self._size -= 1

    def reverse(self) -> None:
        """Reverse in place by re-pointing the nodes."""
        previous: Node[T] | None = None
        node = self.head
        self._tail = node
        while node is not None:
            node.next, previous, node = previous, node, node.next
        self.head = previous
