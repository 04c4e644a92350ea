"""Log aggregates: access-log lines in, on-call numbers out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from log_aggregates_given import Entry, parse_line

_CLASSES = ("2xx", "3xx", "4xx", "5xx")


def status_classes(entries: Iterable[Entry]) -> dict[str, int]:
    """Counts per status class ('2xx' ... '5xx'), only classes present, in that order."""
    counts = Counter(f"{entry.status // 100}xx" for entry in entries)
    return {name: counts[name] for name in _CLASSES if counts[name]}


def route_of(path: str) -> str:
    """The path with every segment made of the digits 0-9 replaced by {id}."""
    return "/".join("{id}" if part.isascii() and part.isdigit() else part for part in path.split("/"))


@dataclass
class _Latency:
    count: int = 0
    total_ms: int = 0
    max_ms: int = 0

    def add(self, duration_ms: int) -> None:
        self.count += 1
        self.total_ms += duration_ms
        self.max_ms = max(self.max_ms, duration_ms)


def latency_by_route(entries: Iterable[Entry]) -> dict[str, dict[str, float]]:
    """Per route (numeric segments as {id}): count, avg_ms (1 decimal) and max_ms."""
    routes: dict[str, _Latency] = {}
    for entry in entries:
        routes.setdefault(route_of(entry.path), _Latency()).add(entry.duration_ms)
    return {
        route: {"count": stats.count, "avg_ms": round(stats.total_ms / stats.count, 1), "max_ms": stats.max_ms}
        for route, stats in routes.items()
    }


def errors_per_minute(entries: Iterable[Entry]) -> dict[str, int]:
    """5xx responses per minute 'YYYY-MM-DDTHH:MM', in time order."""
    counts = Counter(entry.timestamp.strftime("%Y-%m-%dT%H:%M") for entry in entries if entry.status >= 500)
    return dict(sorted(counts.items()))


def summarise(lines: Iterable[str]) -> dict[str, float]:
    """requests, malformed and error_rate for raw log lines."""
    requests = malformed = errors = 0
    for line in lines:
        if not line.strip():
            continue
        entry = parse_line(line)
        if entry is None:
            malformed += 1
            continue
        requests += 1
        errors += entry.status >= 500
    return {
        "requests": requests,
        "malformed": malformed,
        "error_rate": round(errors / requests, 3) if requests else 0.0,
    }
