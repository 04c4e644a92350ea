"""The collections toolkit: Counter, defaultdict, deque and NamedTuple."""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from typing import NamedTuple


def top_paths(paths: Iterable[str], n: int) -> list[tuple[str, int]]:
    """The n most requested paths with their counts, busiest first (ties: first seen first)."""
    return Counter(paths).most_common(n)


def actions_by_user(events: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """A plain dict from user to that user's actions, in order."""
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for user, action in events:
        groups[user].append(action)
    return dict(groups)


def tail(lines: Iterable[str], n: int) -> list[str]:
    """The last n lines, keeping at most n in memory."""
    return list(deque(lines, maxlen=n))


def moving_average(values: Iterable[float], window: int) -> Iterator[float]:
    """After each value, the average of the last `window` values."""
    if window < 1:
        raise ValueError(f"the window must be at least 1, got {window}")
    recent: deque[float] = deque(maxlen=window)
    total = 0.0
    for value in values:
        if len(recent) == window:
            total -= recent[0]
        recent.append(value)
        total += value
        yield total / len(recent)


class Hit(NamedTuple):
    """One access-log hit."""

    path: str
    status: int
    ms: float


def parse_hit(line: str) -> Hit:
    """Parse '/users 200 12.5' into Hit(path='/users', status=200, ms=12.5)."""
    parts = line.split()
    if len(parts) != 3:
        raise ValueError(f"malformed hit line, expected 'path status ms': {line!r}")
    path, status, ms = parts
    try:
        return Hit(path, int(status), float(ms))
    except ValueError:
        raise ValueError(f"malformed hit line, status and ms must be numbers: {line!r}") from None
