"""Milestone 2: FIFO among equal priorities, a key function, min and max modes.

Mistakes these tests catch: ties broken by comparing the items (TypeError
for unorderable items, or alphabetical order), ties in LIFO or heap order,
max mode done by negating priorities (fails for strings), max mode that
also reverses the order of ties, `key` ignored or applied to an explicit
priority, an unknown `order` accepted.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pqueue import PriorityQueue


class Job:
    """Not orderable: a tie must never be broken by comparing items."""

    def __init__(self, name: str, cost: int) -> None:
        self.name, self.cost = name, cost

    def __repr__(self) -> str:
        return f"Job({self.name!r}, {self.cost})"


def pushed(pairs: list[tuple[str, object]], order: str = "min") -> PriorityQueue[str]:
    queue: PriorityQueue[str] = PriorityQueue(order=order)  # type: ignore[arg-type]
    for item, priority in pairs:
        queue.push(item, priority)  # type: ignore[arg-type]
    return queue


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("order", ["min", "max"])
def test_a_push_whose_priority_cannot_be_compared_changes_nothing(order: str) -> None:
    queue = pushed([("a", 1), ("b", 2), ("c", 3)], order)
    with pytest.raises(TypeError):
        queue.push("x", "high")  # 'high' < 3 is a TypeError
    assert len(queue) == 3, "a push that raises must leave the queue as it was: no half-added item"
    queue.push("x", 0)  # not refused as a duplicate: nothing of the failed push is left
    expected = ["x", "a", "b", "c"] if order == "min" else ["c", "b", "a", "x"]
    assert [queue.pop() for _ in range(4)] == expected


@pytest.mark.task(taskno=2)
def test_a_push_that_fails_halfway_up_changes_nothing() -> None:
    queue = pushed([("r", (0, "x")), ("p", (5, 1)), ("q", (6, 1)), ("s", (7, 1))])
    with pytest.raises(TypeError):
        queue.push("n", (0, 2))  # beats (5, 1), then (0, 2) < (0, 'x') compares 2 < 'x'
    assert len(queue) == 4, "the failed push must not stay queued"
    assert [queue.pop() for _ in range(4)] == ["r", "p", "q", "s"], (
        "compare first, move afterwards: an entry moved down before the comparison that failed leaves the heap "
        "with a copy of one entry and none of another"
    )


@pytest.mark.task(taskno=2)
def test_equal_priorities_leave_in_arrival_order() -> None:
    queue: PriorityQueue[str] = PriorityQueue()
    for name in ["c", "a", "d", "b"]:
        queue.push(name, 1)
    queue.push("urgent", 0)
    assert [queue.pop() for _ in range(5)] == ["urgent", "c", "a", "d", "b"], (
        "ties go first in, first out; break them with an arrival counter, never by comparing the items"
    )


@pytest.mark.task(taskno=2)
def test_never_compares_the_items_themselves() -> None:
    queue: PriorityQueue[Job] = PriorityQueue()
    first, second = Job("first", 1), Job("second", 1)
    queue.push(first, 1)
    queue.push(second, 1)
    assert queue.pop() is first, "items need not be orderable: rank by (priority, arrival)"


@pytest.mark.task(taskno=2)
def test_key_function_gives_the_priority() -> None:
    queue = PriorityQueue(["pear", "fig", "banana", "kiwi"], key=len)
    queue.push("plum")
    assert [queue.pop() for _ in range(5)] == ["fig", "pear", "kiwi", "plum", "banana"], (
        "with key=len the shortest word comes first; equal lengths in arrival order"
    )


@pytest.mark.task(taskno=2)
def test_explicit_priority_beats_the_key() -> None:
    queue = PriorityQueue(key=lambda job: job.cost)
    cheap, dear = Job("cheap", 1), Job("dear", 100)
    queue.push(cheap)
    queue.push(dear, 0)
    assert queue.pop() is dear, "push(item, priority) uses the priority given, not key(item)"


@pytest.mark.task(taskno=2)
def test_max_mode_gives_the_largest_first_and_keeps_ties_fifo() -> None:
    queue: PriorityQueue[str] = PriorityQueue(order="max")
    for item, priority in [("low", 1), ("high-1", 9), ("mid", 5), ("high-2", 9)]:
        queue.push(item, priority)
    assert [queue.pop() for _ in range(4)] == ["high-1", "high-2", "mid", "low"], (
        "max mode: the largest first, and ties still first in, first out"
    )


@pytest.mark.task(taskno=2)
def test_max_mode_works_for_priorities_that_cannot_be_negated() -> None:
    queue = PriorityQueue(["apple", "cherry", "banana"], order="max")
    assert [queue.pop() for _ in range(3)] == ["cherry", "banana", "apple"], "max mode must not rely on -priority"


@pytest.mark.task(taskno=2)
def test_rejects_an_unknown_order() -> None:
    with pytest.raises(ValueError, match="order"):
        PriorityQueue(order="biggest")  # type: ignore[arg-type]


@pytest.mark.task(taskno=2)
@given(st.lists(st.integers(0, 3), max_size=40), st.sampled_from(["min", "max"]))
def test_pop_order_is_a_stable_sort(priorities: list[int], order: str) -> None:
    queue: PriorityQueue[int] = PriorityQueue(order=order)  # type: ignore[arg-type]
    for item, priority in enumerate(priorities):
        queue.push(item, priority)
    sign = 1 if order == "min" else -1
    expected = sorted(range(len(priorities)), key=lambda i: sign * priorities[i])
    assert [queue.pop() for _ in priorities] == expected, "the pop order must equal a stable sort by priority"
