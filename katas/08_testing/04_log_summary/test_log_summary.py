"""Tests for the log-summary fix kata.

Mistakes these tests catch (the bugs in the starter, and wrong fixes of them): catching IndexError where the
parser raises ValueError (a crash on a malformed line), a logger named "__name__" instead of the module's name,
line numbers counted from 0, a percentile index one too high (int() instead of ceil() - 1), removing items from
the list being iterated (a second /health in a row survives), a fix that still mutates the caller's list, and
lambdas that all see the loop's last code (late binding).
"""

import logging
import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from log_summary import Request, drop_health_checks, parse_all, parse_line, percentile, status_filters

LINES = ["GET /cart 200 35", "oops", "POST /pay 502 1200", "GET /cart two hundred 9"]


@pytest.mark.task(taskno=1)
def test_parse_line_reads_the_four_fields() -> None:
    assert parse_line("GET /cart 200 35") == Request("GET", "/cart", 200, 35)


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("line", ["", "oops", "GET /cart 200", "GET /cart 200 35 extra", "GET /cart OK 35"])
def test_parse_line_rejects_malformed_lines(line: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the message is Python's own, from unpacking or int()
        parse_line(line)


@pytest.mark.task(taskno=1)
def test_parse_all_skips_malformed_lines_instead_of_crashing() -> None:
    try:
        parsed = parse_all(LINES)
    except ValueError as error:
        pytest.fail(
            f"parse_all crashed on a malformed line ({error!r}): read the traceback: which except is it missing?"
        )
    assert parsed == [Request("GET", "/cart", 200, 35), Request("POST", "/pay", 502, 1200)]


@pytest.mark.task(taskno=2)
def test_skipped_lines_are_logged_by_the_module_logger_counting_from_one(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        try:
            parse_all(LINES)
        except ValueError:
            pytest.fail("parse_all crashes: fix task 1 first")
    assert [record.name for record in caplog.records] == ["log_summary", "log_summary"], (
        "log with logging.getLogger(__name__): the module's name, not the string '__name__'"
    )
    messages = [record.getMessage() for record in caplog.records]
    assert messages[0] == "skipping line 2: 'oops'", f"people count lines from 1: 'oops' is line 2, got {messages}"
    assert messages[1] == "skipping line 4: 'GET /cart two hundred 9'", f"name the line and show it: got {messages}"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("values", "pct", "expected"),
    [
        ([15, 20, 35, 40, 50], 30, 20),
        ([15, 20, 35, 40, 50], 40, 20),
        ([15, 20, 35, 40, 50], 100, 50),
        (list(range(1, 21)), 95, 19),
        (list(range(1, 11)), 50, 5),
        ([7], 1, 7),
        (list(range(1, 102)), 100, 101),
        (list(range(1, 102)), 99, 100),
    ],
)
def test_percentile_uses_the_nearest_rank(values: list[int], pct: float, expected: int) -> None:
    assert percentile(values, pct) == expected, f"the p{pct} of {values} is {expected} (nearest rank)"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("values", "pct", "message"),
    [([], 50, r"^percentile of no values$"), ([1], 0, r"^pct must be in "), ([1], 100.5, r"^pct must be in ")],
)
def test_percentile_rejects_bad_input(values: list[int], pct: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        percentile(values, pct)


@pytest.mark.task(taskno=3)
@given(st.lists(st.integers(0, 10_000), min_size=1, max_size=200), st.integers(1, 100))
@example([1, 2], 60)  # 60% of 2 values is 1.2 values: the answer must cover 2 of them
@example([5, 9], 10)
def test_percentile_is_the_smallest_value_covering_pct(values: list[int], pct: int) -> None:
    result = percentile(values, pct)
    covered = sum(value <= result for value in values)
    assert covered >= math.ceil(pct / 100 * len(values)), "too low: fewer than pct% of values are at or below it"
    assert sum(value < result for value in values) < math.ceil(pct / 100 * len(values)), (
        "too high: a smaller value covers pct%"
    )


@pytest.mark.task(taskno=4)
def test_drop_health_checks_removes_consecutive_health_checks() -> None:
    health = Request("GET", "/health", 200, 1)
    cart = Request("GET", "/cart", 200, 35)
    assert drop_health_checks([health, health, cart, health, health]) == [cart], (
        "a /health right after another survived: removing from a list while looping over it skips the next item"
    )


@pytest.mark.task(taskno=4)
def test_drop_health_checks_leaves_the_input_alone() -> None:
    requests = [Request("GET", "/health", 200, 1), Request("GET", "/cart", 200, 35)]
    drop_health_checks(requests)
    assert len(requests) == 2, "the caller's list was changed: build and return a new list"


@pytest.mark.task(taskno=5)
def test_each_status_filter_matches_its_own_code() -> None:
    filters = status_filters([200, 404, 500])
    not_found = Request("GET", "/nope", 404, 3)
    assert [code for code, matches in filters.items() if matches(not_found)] == [404], (
        "every lambda sees the loop variable's LAST value (late binding): bind it per lambda"
    )


@pytest.mark.task(taskno=5)
@given(st.lists(st.integers(100, 599), min_size=1, max_size=10, unique=True))
def test_status_filters_hold_one_predicate_per_code(codes: list[int]) -> None:
    filters = status_filters(codes)
    for code in codes:
        assert filters[code](Request("GET", "/", code, 1)), f"the filter for {code} rejects a {code} request"
