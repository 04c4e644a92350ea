"""Shared test support for the data-structures katas: a clear message when code is too slow.

Several tests here carry `@pytest.mark.timeout(N)` to catch an O(n²) answer. When the
limit fires, pytest-timeout raises its `Failed: Timeout` inside whatever code is running.
On Python 3.11, if that is an `x in some_list` check inside a `for` loop — the most common
quadratic mistake — the interrupted frame can have no line number and pytest crashes with
INTERNALERROR while drawing the traceback. This hook turns the timeout into a plain
AssertionError that says what to look for, without the learner's half-finished frames.
"""

from __future__ import annotations

from collections.abc import Generator

import pytest

TOO_SLOW = (
    "too slow: this test has a time limit of {limit} s and your code was still running. "
    "Look for a loop inside a loop, or `x in some_list` / `list.index` / `list.count` / `pop(0)` "
    "inside a loop (each is O(n), so the whole thing is O(n²)); a set, a dict or a deque makes it O(1)."
)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    try:
        return (yield)
    except pytest.fail.Exception as exc:
        if not str(exc).startswith("Timeout"):
            raise
        marker = item.get_closest_marker("timeout")
        limit = marker.args[0] if marker and marker.args else item.config.getini("timeout")
        raise AssertionError(TOO_SLOW.format(limit=limit)) from None
