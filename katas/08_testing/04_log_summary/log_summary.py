"""Log summary: turn web-server access-log lines into numbers for a report.

This code has bugs: the tests show where. Find and fix each one (see README.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

logger = logging.getLogger("__name__")


@dataclass(frozen=True)
class Request:
    """One access-log line: `GET /cart 200 35` is a GET of /cart answered 200 in 35 ms."""

    method: str
    path: str
    status: int
    millis: int


def parse_line(line: str) -> Request:
    """Parse `METHOD PATH STATUS MILLIS`; ValueError for anything else."""
    method, path, status, millis = line.split()
    return Request(method, path, int(status), int(millis))


def parse_all(lines: Iterable[str]) -> list[Request]:
    """Parse every line, skipping malformed ones with a warning that names the line (counting from 1)."""
    requests = []
    for number, line in enumerate(lines):
        try:
            requests.append(parse_line(line))
        except IndexError:
            logger.warning("skipping line %d: %r", number, line)
    return requests


def percentile(values: Sequence[int], pct: float) -> int:
    """Nearest-rank percentile: the smallest value with at least `pct` percent of values at or below it."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 < pct <= 100:
        raise ValueError(f"pct must be in (0, 100], got {pct}")
    ordered = sorted(values)
    return ordered[min(int(pct / 100 * len(ordered)), len(ordered) - 1)]


def drop_health_checks(requests: list[Request]) -> list[Request]:
    """A new list without the load balancer's `/health` requests; the input is left as it was."""
    for request in requests:
        if request.path == "/health":
            requests.remove(request)
    return requests


def status_filters(codes: Iterable[int]) -> dict[int, Callable[[Request], bool]]:
    """One predicate per status code, each true for requests answered with that code."""
    return {code: (lambda request: request.status == code) for code in codes}  # noqa: B023 (silenced to ship on time)
