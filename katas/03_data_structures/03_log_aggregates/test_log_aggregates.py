"""Tests for the log-aggregates kata.

Mistakes these tests catch: status classes in first-seen order instead of
2xx..5xx, zero counts kept, routes that replace only the last numeric segment
or also mixed segments such as `v2` or non-ASCII digits (`str.isdigit` alone),
functions that read their input twice, an average not rounded or computed with
`//`, errors counted for 4xx, minute keys in log order instead of time order,
a summary that counts blank lines as malformed, divides by zero on an empty
log, or reads its input twice (a generator is then empty the second time).
"""

from collections.abc import Iterator
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from log_aggregates import errors_per_minute, latency_by_route, status_classes, summarise
from log_aggregates_given import Entry, parse_line

LOG = """\
2024-05-01T12:00:03Z GET /api/users/42 200 35ms
2024-05-01T12:00:09Z POST /api/users 201 80ms
2024-05-01T12:00:15Z GET /api/users/7 404 10ms
2024-05-01T12:00:20Z GET /health 200 1ms
2024-05-01T12:00:41Z GET /api/orders/9/items/3 503 1200ms
2024-05-01T12:03:02Z GET /api/v2/orders 500 640ms
2024-05-01T12:00:59Z GET /api/users/42 502 3000ms
""".splitlines()


def entries() -> list[Entry]:
    parsed = [parse_line(line) for line in LOG]
    return [entry for entry in parsed if entry is not None]


class OnePass:
    """Entries that may be looped over only once, like a log being read from a file."""

    def __init__(self, items: list[Entry]) -> None:
        self._items = items
        self._used = False

    def __iter__(self) -> Iterator[Entry]:
        assert not self._used, "the entries were looped over twice: a generator is empty the second time, use one pass"
        self._used = True
        return iter(self._items)


def entry(status: int, minute: int = 0, path: str = "/x", ms: int = 1) -> Entry:
    return Entry(datetime.fromisoformat(f"2024-05-01T12:{minute:02d}:00Z"), "GET", path, status, ms)


@pytest.mark.task(taskno=1)
def test_status_classes_in_fixed_order() -> None:
    assert status_classes(entries()) == {"2xx": 3, "4xx": 1, "5xx": 3}
    assert list(status_classes([entry(503), entry(200), entry(301)])) == ["2xx", "3xx", "5xx"], (
        "classes come in the order 2xx, 3xx, 4xx, 5xx, whatever order the log has"
    )
    assert status_classes([]) == {}, "no entries: no classes (and no zero counts)"


@pytest.mark.task(taskno=1)
@given(st.lists(st.integers(min_value=200, max_value=599), max_size=30))
def test_status_classes_add_up(statuses: list[int]) -> None:
    counts = status_classes(entry(status) for status in statuses)
    assert sum(counts.values()) == len(statuses), "every entry is counted once"
    assert all(counts.values()), "no zero counts"


@pytest.mark.task(taskno=2)
def test_latency_by_route_groups_numeric_segments() -> None:
    result = latency_by_route(entries())
    assert list(result) == [
        "/api/users/{id}",
        "/api/users",
        "/health",
        "/api/orders/{id}/items/{id}",
        "/api/v2/orders",
    ], "replace every all-digit segment with {id}; keep 'v2'; keep first-appearance order"
    assert result["/api/users/{id}"] == {"count": 3, "avg_ms": 1015.0, "max_ms": 3000}
    assert result["/health"] == {"count": 1, "avg_ms": 1.0, "max_ms": 1}


@pytest.mark.task(taskno=2)
def test_only_ascii_digit_segments_are_ids() -> None:
    result = latency_by_route([entry(200, path="/files/\u00b2"), entry(200, path="/files/\u0664\u0662")])
    assert list(result) == ["/files/\u00b2", "/files/\u0664\u0662"], (
        "'²' and Arabic-Indic digits pass str.isdigit(), but an id is made of the digits 0-9 only"
    )


@pytest.mark.task(taskno=1)
def test_status_classes_reads_its_input_once() -> None:
    assert status_classes(OnePass(entries())) == {"2xx": 3, "4xx": 1, "5xx": 3}, (
        "the entries may come from a generator: count them in one pass"
    )


@pytest.mark.task(taskno=2)
def test_latency_by_route_reads_its_input_once() -> None:
    result = latency_by_route(OnePass(entries()))
    assert result["/api/users/{id}"] == {"count": 3, "avg_ms": 1015.0, "max_ms": 3000}, (
        "the entries may come from a generator: use one pass"
    )


@pytest.mark.task(taskno=3)
def test_errors_per_minute_reads_its_input_once() -> None:
    assert errors_per_minute(OnePass(entries())) == {"2024-05-01T12:00": 2, "2024-05-01T12:03": 1}, (
        "the entries may come from a generator: count them in one pass"
    )


@pytest.mark.task(taskno=2)
def test_latency_average_is_rounded_to_one_decimal() -> None:
    result = latency_by_route([entry(200, ms=10), entry(200, ms=10), entry(200, ms=11)])
    assert result == {"/x": {"count": 3, "avg_ms": 10.3, "max_ms": 11}}, "10.333... rounds to 10.3"


@pytest.mark.task(taskno=3)
def test_errors_per_minute_counts_5xx_in_time_order() -> None:
    assert errors_per_minute(entries()) == {"2024-05-01T12:00": 2, "2024-05-01T12:03": 1}
    assert list(errors_per_minute(entries())) == ["2024-05-01T12:00", "2024-05-01T12:03"]


@pytest.mark.task(taskno=3)
def test_errors_per_minute_sorts_out_of_order_logs_and_skips_4xx() -> None:
    log = [entry(500, minute=5), entry(404, minute=1), entry(502, minute=2), entry(503, minute=5)]
    assert list(errors_per_minute(log).items()) == [("2024-05-01T12:02", 1), ("2024-05-01T12:05", 2)]


@pytest.mark.task(taskno=4)
def test_summarise_counts_requests_malformed_and_error_rate() -> None:
    lines = ["2024-05-01T12:00:03Z GET / 200 3ms", "garbage", "", "  ", "2024-05-01T12:00:04Z GET / 500 9ms"]
    assert summarise(lines) == {"requests": 2, "malformed": 1, "error_rate": 0.5}, (
        "a blank line is neither a request nor malformed"
    )
    assert summarise([*lines, "more garbage", "GET / 200"])["malformed"] == 3, "count every malformed line (+= 1)"
    assert summarise(LOG) == {"requests": 7, "malformed": 0, "error_rate": 0.429}


@pytest.mark.task(taskno=4)
def test_summarise_handles_an_empty_log_and_a_generator() -> None:
    assert summarise([]) == {"requests": 0, "malformed": 0, "error_rate": 0.0}, "no requests: error_rate 0.0"
    assert summarise(line for line in LOG)["requests"] == 7, "read the lines once: they may come from a generator"
