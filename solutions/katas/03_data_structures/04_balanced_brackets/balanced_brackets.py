"""Balanced brackets: a stack, and a checker that finds the first unbalanced bracket."""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")

OPENER_OF = {")": "(", "]": "[", "}": "{"}
OPENERS = frozenset(OPENER_OF.values())


class Stack(Generic[T]):
    """Last in, first out. Every operation is O(1)."""

    def __init__(self) -> None:
        self._items: list[T] = []

    def push(self, item: T) -> None:
        self._items.append(item)

    def pop(self) -> T:
        """Remove and return the top item; IndexError when empty."""
        if not self._items:
            raise IndexError("pop from an empty stack")
        return self._items.pop()

    def peek(self) -> T:
        """The top item, left in place; IndexError when empty."""
        if not self._items:
            raise IndexError("peek at an empty stack")
        return self._items[-1]

    def __len__(self) -> int:
        return len(self._items)


def is_balanced(text: str) -> bool:
    """True when every bracket is closed by its match, in order."""
    return first_error(text) is None


def first_error(text: str) -> int | None:
    """The index of the first unbalanced bracket (or unterminated string), or None."""
    open_brackets: Stack[tuple[str, int]] = Stack()
    string_start: int | None = None
    escaped = False
    for index, char in enumerate(text):
        if string_start is not None:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                string_start = None
        elif char == '"':
            string_start = index
        elif char in OPENERS:
            open_brackets.push((char, index))
        elif char in OPENER_OF:
            if not open_brackets or open_brackets.peek()[0] != OPENER_OF[char]:
                return index
            open_brackets.pop()
    if string_start is not None:
        return string_start
    earliest = None
    while open_brackets:
        _, earliest = open_brackets.pop()
    return earliest
