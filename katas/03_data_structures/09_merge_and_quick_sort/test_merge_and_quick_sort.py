"""Tests for the merge-sort and quicksort kata.

Mistakes these tests catch: calling sorted() or list.sort() instead of sorting
by hand, returning the input list itself for short inputs,
`<` instead of `<=` in merge (equal items from right jump ahead: not
stable), forgetting the leftover tail of one list, sorting the input in place
(the caller's list changes), `key` ignored, quicksort with the first item as
pivot (RecursionError on sorted input), quicksort with a two-way partition
(endless or very deep recursion on many duplicates), quicksort that drops
duplicates of the pivot.
"""

import ast
import inspect
import itertools
import sys

import merge_and_quick_sort as module
import pytest
from hypothesis import given
from hypothesis import strategies as st
from merge_and_quick_sort import merge, merge_sort, quicksort


@pytest.fixture(autouse=True)
def no_builtin_sorted(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> list[object]:
        raise AssertionError("sort by hand: sorted() is what you are building")

    monkeypatch.setattr(module, "sorted", refuse, raising=False)


@pytest.mark.task(taskno=1)
def test_merge_returns_a_new_list_even_when_one_side_is_empty() -> None:
    right = [1, 2]
    merged = merge([], right)
    assert merged == [1, 2], "add what is left of either list"
    assert merged is not right, "return a new list: the caller's list would change when someone appends to the result"


@pytest.mark.task(taskno=1)
def test_merge_interleaves_two_sorted_lists() -> None:
    assert merge([1, 4, 9], [2, 4, 10]) == [1, 2, 4, 4, 9, 10]
    assert merge([], [1, 2]) == [1, 2]
    assert merge([1, 2], []) == [1, 2], "add what is left of either list"
    assert merge([5, 6, 7], [1]) == [1, 5, 6, 7]


@pytest.mark.task(taskno=1)
def test_merge_prefers_left_on_ties_and_uses_key() -> None:
    left, right = [("a", 1), ("c", 2)], [("b", 1), ("d", 2)]
    assert merge(left, right, key=lambda pair: pair[1]) == [("a", 1), ("b", 1), ("c", 2), ("d", 2)], (
        "on equal keys take from left first (use <=): that keeps merge sort stable"
    )


@pytest.mark.task(taskno=2)
def test_merge_sort_sorts_and_leaves_the_input_alone() -> None:
    items = [5, 2, 9, 1, 5]
    assert merge_sort(items) == [1, 2, 5, 5, 9]
    assert items == [5, 2, 9, 1, 5], "return a new list; do not sort the caller's list"
    assert merge_sort([]) == []
    assert merge_sort((3, 1)) == [1, 3], "any sequence works, the result is a list"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("items", [[], [7]], ids=["empty", "one-item"])
def test_short_inputs_still_give_a_new_list(items: list[int]) -> None:
    for sort in (merge_sort, quicksort):
        result = sort(items)
        assert result == items
        assert result is not items, f"{sort.__name__} must return a new list, even for {items}: copy it with list(...)"


@pytest.mark.task(taskno=1)
def test_the_sorting_is_done_by_hand() -> None:
    assert merge([1], [0]) == [0, 1]
    tree = ast.parse(inspect.getsource(module))
    calls = {ast.unparse(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    shortcuts = sorted(call for call in calls if call == "sorted" or call.endswith((".sort", "heapq.merge")))
    assert not shortcuts, f"{shortcuts}: sort by hand, that is what you are building"


@pytest.mark.task(taskno=2)
def test_merge_sort_is_stable_with_a_key() -> None:
    assert merge_sort(["bob", "al", "eve", "cy"], key=len) == ["al", "cy", "bob", "eve"]


@pytest.mark.task(taskno=2)
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=5), st.integers())))
def test_merge_sort_equals_pythons_stable_sort(items: list[tuple[int, int]]) -> None:
    expected = list(items)
    expected.sort(key=lambda pair: pair[0])
    assert merge_sort(items, key=lambda pair: pair[0]) == expected, "same order as Python's stable sort"


@pytest.mark.task(taskno=2)
@pytest.mark.timeout(5)
def test_merge_sort_is_n_log_n() -> None:
    items = [(n * 7919) % 40_009 for n in range(40_000)]
    result = merge_sort(items)
    assert all(a <= b for a, b in itertools.pairwise(result)), "the result must be in order"


@pytest.mark.task(taskno=3)
def test_quicksort_sorts_and_keeps_duplicates() -> None:
    items = [3, 1, 2, 3, 3, 0]
    assert quicksort(items) == [0, 1, 2, 3, 3, 3], "keep every copy of the pivot"
    assert items == [3, 1, 2, 3, 3, 0], "return a new list"
    assert quicksort([]) == []
    assert quicksort(["b", "a"]) == ["a", "b"]


@pytest.mark.task(taskno=3)
@given(st.lists(st.integers(min_value=-50, max_value=50)))
def test_quicksort_equals_sorted(items: list[int]) -> None:
    expected = list(items)
    expected.sort()
    assert quicksort(items) == expected


@pytest.mark.task(taskno=3)
@pytest.mark.timeout(5)
def test_quicksort_survives_sorted_input() -> None:
    items = list(range(sys.getrecursionlimit() * 20))
    ascending, descending = quicksort(items), quicksort(items[::-1])
    assert ascending == items, "a random pivot keeps the recursion shallow on sorted input"
    assert descending == items


@pytest.mark.task(taskno=3)
@pytest.mark.timeout(5)
def test_quicksort_handles_a_flood_of_duplicates() -> None:
    statuses = [200] * 100_000 + [500, 404]
    result = quicksort(statuses)
    assert result == [200] * 100_000 + [404, 500], "partition three ways: less, equal, greater"
