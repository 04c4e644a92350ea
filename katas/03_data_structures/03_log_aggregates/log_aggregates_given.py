"""Given, not to edit: one access-log line parsed into an Entry, for your functions in log_aggregates.py."""

from __future__ import annotations

import re
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
    """Parse '2024-05-01T12:00:03Z GET /api/users/42 200 35ms'; None if the line is malformed."""
    match = _LINE.match(line.strip())
    if match is None:
        return None
    stamp, method, path, status, duration = match.groups()
    try:
        timestamp = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return Entry(timestamp, method, path, int(status), int(duration))
