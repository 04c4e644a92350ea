"""Balanced brackets: a stack, and a checker that finds the first unbalanced bracket."""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


class Stack(Generic[T]):
    """Last in, first out. Every operation is O(1)."""

    def __init__(self) -> None:
        raise NotImplementedError("Stack: write me (task 1)")

    def push(self, item: T) -> None:
        raise NotImplementedError("Stack.push: write me (task 1)")

    def pop(self) -> T:
        """Remove and return the top item; IndexError when empty."""
        raise NotImplementedError("Stack.pop: write me (task 1)")

    def peek(self) -> T:
        """The top item, left in place; IndexError when empty."""
        raise NotImplementedError("Stack.peek: write me (task 1)")

    def __len__(self) -> int:
        raise NotImplementedError("Stack.__len__: write me (task 1)")


def is_balanced(text: str) -> bool:
    """True when every bracket is closed by its match, in order."""
    raise NotImplementedError("is_balanced: write me (task 2)")


def first_error(text: str) -> int | None:
    """The index of the first unbalanced bracket (or unterminated string), or None."""
    raise NotImplementedError("first_error: write me (task 3)")
