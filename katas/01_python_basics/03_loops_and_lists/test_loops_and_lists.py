"""Tests for the loops-and-lists kata.

Mistakes these tests catch: 500 itself not counted as a server error; a limit
counted as slow, or the caller's list changed; the first number forgotten when
looking for the smallest or largest, or an empty list not refused; numbering
from 0; a doubling loop that stops one wait early or late, or never stops on
0; commands that keep `quit` or empty lines, or stop at the first empty line.
"""

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from loops_and_lists import (
    count_server_errors,
    doubling_waits,
    numbered,
    read_commands,
    slow_requests,
    smallest_and_largest,
)


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("codes", "count"),
    [([200, 500, 404, 503, 200], 2), ([], 0), ([499, 500, 599], 2), ([200, 201], 0), ([502, 502, 502], 3)],
)
def test_count_server_errors_counts_500_and_up(codes: list[int], count: int) -> None:
    got = count_server_errors(codes)
    assert got == count, f"count_server_errors({codes}) should be {count} (500 and up are server errors), got {got}"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("durations", "limit", "slow"),
    [
        ([120, 850, 40, 1200, 300], 300, [850, 1200]),
        ([300, 301], 300, [301]),
        ([], 100, []),
        ([5, 1, 9], 0, [5, 1, 9]),
        ([9, 9], 9, []),
    ],
)
def test_slow_requests_keeps_those_above_the_limit(durations: list[int], limit: int, slow: list[int]) -> None:
    got = slow_requests(durations, limit)
    assert got == slow, (
        f"slow_requests({durations}, {limit}) should be {slow} (more than the limit, in order), got {got}"
    )


@pytest.mark.task(taskno=2)
def test_slow_requests_leaves_the_given_list_alone() -> None:
    durations = [120, 850, 40]
    slow_requests(durations, 100)
    assert durations == [120, 850, 40], f"build a new list; the caller's list changed to {durations}"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("numbers", "expected"),
    [([31, 7, 99, 7, 54], (7, 99)), ([5], (5, 5)), ([-3, -10, -1], (-10, -1)), ([99, 1, 2], (1, 99))],
)
def test_smallest_and_largest(numbers: list[int], expected: tuple[int, int]) -> None:
    got = smallest_and_largest(numbers)
    assert got == expected, f"smallest_and_largest({numbers}) should be {expected}, got {got}"


@pytest.mark.task(taskno=3)
@given(st.lists(st.integers(min_value=-(10**6), max_value=10**6), min_size=1))
def test_smallest_and_largest_of_any_list(numbers: list[int]) -> None:
    got = smallest_and_largest(numbers)
    assert got == (min(numbers), max(numbers)), f"for {numbers} expected {(min(numbers), max(numbers))}, got {got}"


@pytest.mark.task(taskno=3)
def test_smallest_and_largest_of_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^no numbers$"):
        smallest_and_largest([])


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(
    ("items", "lines"),
    [(["milk", "bread", "eggs"], ["1. milk", "2. bread", "3. eggs"]), ([], []), (["only"], ["1. only"])],
)
def test_numbered_counts_from_one(items: list[str], lines: list[str]) -> None:
    got = numbered(items)
    assert got == lines, f"numbered({items}) should be {lines} (numbers start at 1), got {got}"


@pytest.mark.task(taskno=5)
@pytest.mark.parametrize(
    ("first", "limit", "waits"),
    [(1, 20, [1, 2, 4, 8, 16]), (3, 24, [3, 6, 12, 24]), (5, 4, []), (1, 1, [1]), (2, 15, [2, 4, 8])],
)
def test_doubling_waits_up_to_the_limit(first: int, limit: int, waits: list[int]) -> None:
    got = doubling_waits(first, limit)
    assert got == waits, f"doubling_waits({first}, {limit}) should be {waits} (every wait at most the limit), got {got}"


@pytest.mark.task(taskno=5)
@pytest.mark.parametrize("first", [0, -1])
def test_doubling_waits_refuses_a_first_wait_below_one(first: int) -> None:
    with pytest.raises(ValueError, match=r"^first must be at least 1$"):
        doubling_waits(first, 10)


def type_in(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    """Make `input()` read these lines, as if a person typed each and pressed Enter."""
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))


@pytest.mark.task(taskno=6)
@pytest.mark.parametrize(
    ("lines", "commands"),
    [
        (["status", "", "restart web", "quit"], ["status", "restart web"]),
        (["quit"], []),
        (["a", "quit", "b", "quit"], ["a"]),
        (["", "", "deploy", "quit"], ["deploy"]),
    ],
)
def test_read_commands_until_quit(
    lines: list[str], commands: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    type_in(monkeypatch, *lines)
    got = read_commands()
    assert got == commands, f"typed {lines}: expected {commands} (stop at quit, skip empty lines), got {got}"
    prompts = "> " * (lines.index("quit") + 1)
    out = capsys.readouterr().out
    assert out == prompts, f"ask with input('> ') once per line read, up to quit: expected {prompts!r}, got {out!r}"
