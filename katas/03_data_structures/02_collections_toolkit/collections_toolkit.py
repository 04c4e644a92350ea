"""The collections toolkit: Counter, defaultdict, deque and NamedTuple."""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def top_paths(paths: Iterable[str], n: int) -> list[tuple[str, int]]:
    """The n most requested paths with their counts, busiest first (ties: first seen first)."""
    raise NotImplementedError("top_paths: write me (task 1)")


def actions_by_user(events: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """A plain dict from user to that user's actions, in order."""
    raise NotImplementedError("actions_by_user: write me (task 2)")


def tail(lines: Iterable[str], n: int) -> list[str]:
    """The last n lines, keeping at most n in memory."""
    raise NotImplementedError("tail: write me (task 3)")


def moving_average(values: Iterable[float], window: int) -> Iterator[float]:
    """After each value, the average of the last `window` values."""
    raise NotImplementedError("moving_average: write me (task 3)")


class Hit:
    """One access-log hit. Make me a typing.NamedTuple with path, status and ms (task 4)."""

    def __init__(self, path: str, status: int, ms: float) -> None:
        raise NotImplementedError("Hit: make me a NamedTuple (task 4)")


def parse_hit(line: str) -> Hit:
    """Parse '/users 200 12.5' into Hit(path='/users', status=200, ms=12.5)."""
    raise NotImplementedError("parse_hit: write me (task 4)")
