"""Tests for the binary-search kata.

Mistakes these tests catch: a linear scan or `list.index` (too many look-ups
on a long sequence), finding any match and then walking to the first or last
one (linear when all items are equal), returning any matching index instead of the first or
last, an off-by-one that misses the target at index 0 or at the end,
indexing past the end when the target is larger than everything, an endless
loop from `lo = mid` instead of `lo = mid + 1`, `count_between` using
bisect_right for the low end (drops values equal to `low`) or going negative
when low > high, `live_release` ignoring a deploy exactly at `at` or
returning the first version before any deploy, `first_bad` calling
`is_bad` more than ceil(log2 n) + 1 times.
"""

import math
from collections.abc import Sequence
from typing import overload

import pytest
from binary_search import count_between, first_bad, first_occurrence, last_occurrence, live_release
from hypothesis import given
from hypothesis import strategies as st


class CountingSequence(Sequence[int]):
    """A read-only sorted sequence that counts how many items are looked at."""

    def __init__(self, values: list[int]) -> None:
        self._values = values
        self.reads = 0

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[int]: ...
    def __getitem__(self, index: int | slice) -> int | Sequence[int]:
        if isinstance(index, slice):
            raise TypeError("no slicing: a slice copies O(n) items")
        self.reads += 1
        return self._values[index]

    def __len__(self) -> int:
        return len(self._values)


sorted_lists = st.lists(st.integers(min_value=0, max_value=30), max_size=40).map(sorted)


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("items", "target", "expected"),
    [
        ([1, 3, 3, 3, 7], 3, 1),
        ([1, 3, 7], 4, -1),
        ([1, 3, 7], 1, 0),
        ([1, 3, 7], 7, 2),
        ([1, 3, 7], 99, -1),
        ([1, 3, 7], -5, -1),
        ([], 1, -1),
        ([5, 5, 5, 5], 5, 0),
    ],
)
def test_first_occurrence(items: list[int], target: int, expected: int) -> None:
    assert first_occurrence(items, target) == expected, f"first_occurrence({items}, {target})"


@pytest.mark.task(taskno=1)
def test_first_occurrence_looks_at_few_items() -> None:
    values = CountingSequence([n // 3 for n in range(300_000)])
    assert first_occurrence(values, 77_777) == 233_331
    assert values.reads <= 2 * math.ceil(math.log2(300_000)) + 2, (
        f"looked at {values.reads} items: halve the range each step instead of scanning"
    )


@pytest.mark.task(taskno=1)
def test_first_occurrence_stays_logarithmic_when_all_items_are_equal() -> None:
    values = CountingSequence([7] * 300_000)
    assert first_occurrence(values, 7) == 0
    assert values.reads <= 2 * math.ceil(math.log2(300_000)) + 2, (
        f"looked at {values.reads} of 300 000 equal items: after a match, keep halving to the left; "
        "walking back one item at a time is a linear scan"
    )


@pytest.mark.task(taskno=2)
def test_last_occurrence_stays_logarithmic_when_all_items_are_equal() -> None:
    values = CountingSequence([7] * 300_000)
    assert last_occurrence(values, 7) == 299_999
    assert values.reads <= 2 * math.ceil(math.log2(300_000)) + 2, (
        f"looked at {values.reads} of 300 000 equal items: after a match, keep halving to the right; "
        "walking on one item at a time is a linear scan"
    )


@pytest.mark.task(taskno=1)
@given(sorted_lists, st.integers(min_value=-1, max_value=31))
def test_first_occurrence_matches_a_linear_scan(items: list[int], target: int) -> None:
    expected = items.index(target) if target in items else -1
    assert first_occurrence(items, target) == expected


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("items", "target", "expected"),
    [([1, 3, 3, 3, 7], 3, 3), ([1, 3, 7], 4, -1), ([1, 3, 7], 7, 2), ([5, 5, 5, 5], 5, 3), ([], 0, -1)],
)
def test_last_occurrence(items: list[int], target: int, expected: int) -> None:
    assert last_occurrence(items, target) == expected, f"last_occurrence({items}, {target})"


@pytest.mark.task(taskno=2)
@given(sorted_lists, st.integers(min_value=-1, max_value=31))
def test_last_occurrence_matches_a_linear_scan_and_is_fast(items: list[int], target: int) -> None:
    expected = len(items) - 1 - items[::-1].index(target) if target in items else -1
    counted = CountingSequence(items)
    assert last_occurrence(counted, target) == expected
    assert counted.reads <= 2 * math.ceil(math.log2(len(items) + 1)) + 2, "halve the range each step"


@pytest.mark.task(taskno=3)
def test_count_between_is_inclusive() -> None:
    values = [10, 20, 20, 30, 40]
    assert count_between(values, 20, 30) == 3, "both ends are included"
    assert count_between(values, 0, 100) == 5
    assert count_between(values, 21, 29) == 0
    assert count_between(values, 30, 20) == 0, "low > high is an empty range, not a negative count"
    assert count_between(values, 40, 10) == 0, "low > high is an empty range, not a negative count"
    assert count_between([], 0, 1) == 0


@pytest.mark.task(taskno=3)
@given(sorted_lists, st.integers(min_value=-1, max_value=31), st.integers(min_value=-1, max_value=31))
def test_count_between_matches_a_slow_count(values: list[int], low: int, high: int) -> None:
    counted = CountingSequence(values)
    assert count_between(counted, low, high) == sum(low <= v <= high for v in values), (
        f"count_between({values}, {low}, {high})"
    )
    assert counted.reads <= 2 * (math.ceil(math.log2(len(values) + 1)) + 1), "use bisect, do not scan"


@pytest.mark.task(taskno=3)
def test_live_release_finds_the_last_deploy_at_or_before() -> None:
    deploys = [(100, "v1"), (200, "v2"), (300, "v3")]
    assert live_release(deploys, 250) == "v2"
    assert live_release(deploys, 200) == "v2", "a deploy at exactly `at` is already live"
    assert live_release(deploys, 199) == "v1"
    assert live_release(deploys, 10_000) == "v3"
    assert live_release(deploys, 50) is None, "before the first deploy nothing was live"
    assert live_release([], 50) is None


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(("n", "bad_from"), [(100, 42), (100, 0), (100, 99), (100, 100), (1, 0), (1, 1), (0, 0)])
def test_first_bad_finds_the_boundary(n: int, bad_from: int) -> None:
    assert first_bad(n, lambda build: build >= bad_from) == bad_from


@pytest.mark.task(taskno=4)
@given(st.integers(min_value=1, max_value=10**9), st.data())
def test_first_bad_uses_logarithmically_many_checks(n: int, data: st.DataObject) -> None:
    bad_from = data.draw(st.integers(min_value=0, max_value=n))
    calls: list[int] = []

    def is_bad(build: int) -> bool:
        assert 0 <= build < n, f"build {build} does not exist (builds are 0 to {n - 1})"
        calls.append(build)
        return build >= bad_from

    assert first_bad(n, is_bad) == bad_from
    assert len(calls) <= math.ceil(math.log2(n)) + 1, f"{len(calls)} test runs for {n} builds is too many"
