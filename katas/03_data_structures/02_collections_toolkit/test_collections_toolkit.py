"""Tests for the collections-toolkit kata.

Mistakes these tests catch: `top_paths` sorted by path or breaking ties by
last occurrence, `n` larger than the number of paths crashing, returning the
defaultdict itself (reading a missing user then adds it), `tail` that builds
a full list first (more than n lines alive at once) or returns the first lines,
`tail(lines, 0)`, a moving average that divides by the window before it is
full, or re-sums the whole window each time and drifts, a window of 0
accepted, `Hit` as a plain class or dict (not a tuple), status left as a
string, bad lines accepted.
"""

import itertools
from collections import defaultdict

import pytest
from collections_toolkit import Hit, actions_by_user, moving_average, parse_hit, tail, top_paths
from hypothesis import given
from hypothesis import strategies as st


@pytest.mark.task(taskno=1)
def test_top_paths_counts_and_orders() -> None:
    paths = ["/a", "/b", "/a", "/c", "/b", "/a"]
    assert top_paths(paths, 2) == [("/a", 3), ("/b", 2)]
    assert top_paths(paths, 10) == [("/a", 3), ("/b", 2), ("/c", 1)], "asking for more than there are is fine"
    assert top_paths([], 3) == []


@pytest.mark.task(taskno=1)
def test_top_paths_breaks_ties_by_first_seen() -> None:
    assert top_paths(["/z", "/y", "/y", "/z", "/x"], 3) == [("/z", 2), ("/y", 2), ("/x", 1)], (
        "equal counts keep first-seen order (Counter.most_common does this)"
    )


@pytest.mark.task(taskno=2)
def test_actions_by_user_groups_in_order() -> None:
    events = [("ann", "login"), ("bob", "login"), ("ann", "buy"), ("ann", "logout")]
    assert actions_by_user(events) == {"ann": ["login", "buy", "logout"], "bob": ["login"]}
    assert actions_by_user([]) == {}


@pytest.mark.task(taskno=2)
def test_actions_by_user_returns_a_plain_dict() -> None:
    result = actions_by_user([("ann", "login")])
    assert not isinstance(result, defaultdict), "return dict(groups): a defaultdict grows keys when read"
    with pytest.raises(KeyError):
        result["nobody"]


@pytest.mark.task(taskno=3)
def test_tail_returns_the_last_lines() -> None:
    assert tail(iter(["a", "b", "c", "d"]), 2) == ["c", "d"]
    assert tail(["a"], 5) == ["a"]
    assert tail(["a", "b"], 0) == []


@pytest.mark.task(taskno=3)
@pytest.mark.timeout(5)
def test_tail_streams_a_long_log() -> None:
    lines = (f"line {i}" for i in range(1_000_000))
    result = tail(lines, 3)
    assert result == ["line 999997", "line 999998", "line 999999"]


class CountedLine(str):
    """A line that counts how many of its kind are alive at once."""

    alive = 0
    peak = 0

    def __new__(cls, text: str) -> "CountedLine":
        line = super().__new__(cls, text)
        CountedLine.alive += 1
        CountedLine.peak = max(CountedLine.peak, CountedLine.alive)
        return line

    def __del__(self) -> None:
        CountedLine.alive -= 1


@pytest.mark.task(taskno=3)
def test_tail_keeps_only_the_last_lines_in_memory() -> None:
    CountedLine.alive = CountedLine.peak = 0
    result = tail((CountedLine(f"line {i}") for i in range(10_000)), 3)
    assert result == ["line 9997", "line 9998", "line 9999"]
    assert CountedLine.peak <= 5, (
        f"tail held {CountedLine.peak} lines at once: keep only the last n while you read, not the whole log"
    )


@pytest.mark.task(taskno=3)
def test_moving_average_over_a_window() -> None:
    assert list(moving_average([10, 20, 30, 40], 2)) == [10.0, 15.0, 25.0, 35.0], (
        "after one value the window holds only that value: before the window fills, average what you have"
    )
    assert list(moving_average([5, 5, 5], 10)) == [5.0, 5.0, 5.0], "before the window fills, average what you have"
    with pytest.raises(ValueError, match="window"):
        list(moving_average([1], 0))


@pytest.mark.task(taskno=3)
@pytest.mark.timeout(5)
def test_moving_average_is_lazy() -> None:
    averages = moving_average(itertools.count(), 3)
    assert list(itertools.islice(averages, 4)) == [0.0, 0.5, 1.0, 2.0], "yield as you go: the input may be endless"


@pytest.mark.task(taskno=3)
@given(st.lists(st.integers(min_value=-1000, max_value=1000), max_size=50), st.integers(min_value=1, max_value=8))
def test_moving_average_matches_a_slow_model(values: list[int], window: int) -> None:
    expected = [sum(values[max(0, i - window + 1) : i + 1]) / min(window, i + 1) for i in range(len(values))]
    assert list(moving_average(values, window)) == pytest.approx(expected)


@pytest.mark.task(taskno=4)
def test_parse_hit_builds_a_named_tuple() -> None:
    hit = parse_hit("/users 200 12.5")
    assert hit == Hit("/users", 200, 12.5)
    assert isinstance(hit, tuple), "Hit should be a NamedTuple, so it is a tuple too"
    assert Hit._fields == ("path", "status", "ms")  # type: ignore[attr-defined]
    assert (hit.path, hit.status, hit.ms) == ("/users", 200, 12.5)
    assert type(hit.status) is int, "convert the status to int"
    assert tuple(hit) == ("/users", 200, 12.5), "a NamedTuple unpacks like a tuple"
    assert hit._replace(status=500).status == 500  # type: ignore[attr-defined]


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize("line", ["", "/users 200", "/users 200 12.5 extra", "/users OK 12"])
def test_parse_hit_rejects_malformed_lines(line: str) -> None:
    with pytest.raises(ValueError, match="malformed"):
        parse_hit(line)
