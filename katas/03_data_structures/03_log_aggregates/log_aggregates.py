"""Log aggregates: access-log lines in, on-call numbers out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

_LINE = re.compile(r"^(\S+Z) ([A-Z]+) (/\S*) (\d{3}) (\d+)ms$")


class Entry(NamedTuple):
    """One parsed log line."""

    timestamp: datetime
    method: str
    path: str
    status: int
    duration_ms: int


def parse_line(line: str) -> Entry | None:
    """Parse '2024-05-01T12:00:03Z GET /api/users/42 200 35ms'; None if the line is malformed. Written for you."""
    match = _LINE.match(line.strip())
    if match is None:
        return None
    stamp, method, path, status, duration = match.groups()
    try:
        timestamp = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return Entry(timestamp, method, path, int(status), int(duration))


def status_classes(entries: Iterable[Entry]) -> dict[str, int]:
    """Counts per status class ('2xx' ... '5xx'), only classes present, in that order."""
    raise NotImplementedError("status_classes: write me (task 1)")


def latency_by_route(entries: Iterable[Entry]) -> dict[str, dict[str, float]]:
    """Per route (numeric segments as {id}): count, avg_ms (1 decimal) and max_ms."""
    raise NotImplementedError("latency_by_route: write me (task 2)")


def errors_per_minute(entries: Iterable[Entry]) -> dict[str, int]:
    """5xx responses per minute 'YYYY-MM-DDTHH:MM', in time order."""
    raise NotImplementedError("errors_per_minute: write me (task 3)")


def summarise(lines: Iterable[str]) -> dict[str, float]:
    """requests, malformed and error_rate for raw log lines."""
    raise NotImplementedError("summarise: write me (task 4)")
