"""Shared test support for the data-structures katas: a clear message when code is too slow.

Several tests here carry `@pytest.mark.timeout(N)` to catch an O(n²) answer and run the
learner's code inside `with time_limit:`. When the limit fires, pytest-timeout raises its
`Failed: Timeout` inside whatever code is running. On Python 3.11, if that is an
`x in some_list` check inside a `for` loop — the most common quadratic mistake — the
interrupted frame can have no line number and pytest crashes with INTERNALERROR while
drawing the traceback. `time_limit` turns the timeout into a plain AssertionError that
says what to look for, without the half-finished frames.
"""

from __future__ import annotations

from types import TracebackType

import pytest

TOO_SLOW = (
    "too slow: this test has a time limit of {limit} s and your code was still running. "
    "Look for a loop inside a loop, or `x in some_list` / `list.index` / `list.count` / `pop(0)` "
    "inside a loop (each is O(n), so the whole thing is O(n²)); a set, a dict or a deque makes it O(1)."
)


class TimeLimit:
    """A context manager that reports pytest-timeout's timeout as an AssertionError."""

    def __init__(self, limit: object) -> None:
        self.limit = limit

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if isinstance(error, pytest.fail.Exception) and str(error).startswith("Timeout"):
            raise AssertionError(TOO_SLOW.format(limit=self.limit)) from None


@pytest.fixture
def time_limit(request: pytest.FixtureRequest) -> TimeLimit:
    """`with time_limit:` around code under a `@pytest.mark.timeout(N)` test: too slow becomes a clear failure."""
    marker = request.node.get_closest_marker("timeout")
    limit = marker.args[0] if marker and marker.args else request.config.getini("timeout")
    return TimeLimit(limit)
