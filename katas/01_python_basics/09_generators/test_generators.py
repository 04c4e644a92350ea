"""Tests for the generators kata.

Mistakes these tests catch: a list built and returned instead of values yielded
one at a time (the whole input read before the first value); whitespace-only or
indented comment lines kept; the last short batch dropped, an empty batch
yielded, one list reused for every batch, `len()` or slicing that fails on a
generator; ids that start at 0 or share one counter; an input read twice (a
generator is empty the second time), or sizes of non-200 lines counted.
"""

from collections.abc import Iterator
from itertools import islice

import pytest
from generators import batched, bytes_served, meaningful_lines, request_ids
from hypothesis import given
from hypothesis import strategies as st


def stream(*values: object) -> Iterator[object]:
    """Yield the values, then fail: a test that reads past them has read too far."""
    yield from values
    raise AssertionError(
        f"read past the first {len(values)} items: take from the input only when the next value is asked for"
    )


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["# settings\n", "host = a\n", "\n", "   # port later\n", "  debug = on  \n"], ["host = a", "debug = on"]),
        (["  \t \n", "x\n"], ["x"]),
        ([], []),
        (["a # not a comment\n"], ["a # not a comment"]),
    ],
    ids=["config", "whitespace-only", "empty", "hash-inside"],
)
def test_meaningful_lines_strips_and_skips(lines: list[str], expected: list[str]) -> None:
    got = list(meaningful_lines(lines))
    assert got == expected, f"meaningful_lines({lines!r}) should give {expected!r}, got {got!r}"


@pytest.mark.task(taskno=1)
def test_meaningful_lines_reads_lazily() -> None:
    lines = meaningful_lines(stream("first\n", "\n", "second\n"))  # type: ignore[arg-type]
    got = [next(lines), next(lines)]
    assert got == ["first", "second"], f"the first two meaningful lines are 'first' and 'second', got {got}"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("items", "size", "expected"),
    [
        (range(7), 3, [[0, 1, 2], [3, 4, 5], [6]]),
        (range(6), 3, [[0, 1, 2], [3, 4, 5]]),
        ([], 3, []),
        ([9], 5, [[9]]),
        (range(3), 1, [[0], [1], [2]]),
    ],
    ids=["short-last", "exact", "empty", "fewer-than-size", "size-one"],
)
def test_batched_cuts_in_order(items: list[int], size: int, expected: list[list[int]]) -> None:
    got = list(batched(items, size))
    assert got == expected, f"batched({list(items)}, {size}) should give {expected}, got {got}"


@pytest.mark.task(taskno=2)
def test_batched_reads_a_generator_once_and_lazily() -> None:
    batches = batched(stream(1, 2, 3, 4), 2)  # type: ignore[arg-type]
    first = next(batches)
    assert first == [1, 2], f"the first batch of 2 is [1, 2], got {first}"
    second = next(batches)
    assert second == [3, 4], f"the second batch of 2 is [3, 4], got {second}"


@pytest.mark.task(taskno=2)
def test_batched_gives_a_new_list_each_time() -> None:
    batches = list(batched(iter(range(4)), 2))
    assert len(batches) == 2, f"a generator of 0..3 makes two batches of 2, got {batches}"
    assert batches[0] is not batches[1], f"each batch is a new list: start a fresh one after you yield, got {batches}"
    assert batches == [[0, 1], [2, 3]], f"batches of a generator of 0..3 should be [[0, 1], [2, 3]], got {batches}"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("size", [0, -2])
def test_batched_refuses_a_size_below_one(size: int) -> None:
    with pytest.raises(ValueError, match=r"^size must be at least 1$"):
        list(batched([1, 2], size))


@pytest.mark.task(taskno=2)
@given(st.lists(st.integers()), st.integers(min_value=1, max_value=6))
def test_batched_keeps_every_item_once(items: list[int], size: int) -> None:
    batches = list(batched(iter(items), size))
    assert [item for batch in batches for item in batch] == items, "together, the batches are the items in order"
    assert all(len(batch) == size for batch in batches[:-1]), f"every batch but the last has {size} items"
    assert all(batch for batch in batches), "no batch is empty"


@pytest.mark.task(taskno=3)
def test_request_ids_count_from_one() -> None:
    ids = request_ids("req")
    got = [next(ids), next(ids), next(ids)]
    assert got == ["req-1", "req-2", "req-3"], f"ids start at 1: expected ['req-1', 'req-2', 'req-3'], got {got}"


@pytest.mark.task(taskno=3)
def test_request_ids_go_on_for_ever() -> None:
    thousandth = next(islice(request_ids("job"), 999, None))
    assert thousandth == "job-1000", f"the 1000th id is 'job-1000', got {thousandth!r}"


@pytest.mark.task(taskno=3)
def test_each_generator_counts_on_its_own() -> None:
    first, second = request_ids("a"), request_ids("b")
    next(first)
    next(first)
    got = next(second)
    assert got == "b-1", f"a new generator starts again at 1, got {got!r}"


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(
    ("log", "total"),
    [
        (["GET / 200 512", "GET /missing 404 128", "POST /api 200 64"], 576),
        ([], 0),
        (["GET /a 500 999", "GET /b 301 10"], 0),
        (["GET /big 200 10000000000"], 10_000_000_000),
    ],
    ids=["mixed", "empty", "no-200", "big"],
)
def test_bytes_served_adds_the_sizes_of_200_lines(log: list[str], total: int) -> None:
    got = bytes_served(log)
    assert got == total, f"bytes_served({log}) should be {total}, got {got}"


@pytest.mark.task(taskno=4)
def test_bytes_served_reads_a_generator_in_one_pass() -> None:
    log = ["GET / 200 512", "GET /missing 404 128", "POST /api 200 64"]
    got = bytes_served(line for line in log)
    assert got == 576, f"given a generator (readable once), the total should still be 576, got {got}"
