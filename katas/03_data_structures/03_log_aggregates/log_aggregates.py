"""Log aggregates: access-log lines in, on-call numbers out."""

from __future__ import annotations

from collections.abc import Iterable

from log_aggregates_given import Entry, parse_line  # noqa: F401 (you will need it)


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
