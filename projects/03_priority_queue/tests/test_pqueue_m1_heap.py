"""Milestone 1: a binary heap with push, pop, peek, len and bool.

Mistakes these tests catch: popping the largest (or the last pushed) item,
`peek` that removes, `len` not updated by `pop`, an empty queue that is
truthy, `pop` on an empty queue raising something other than IndexError (or
returning None), items from the constructor ignored or left unordered, sift
down comparing with only one child, a wrapper over `heapq` (or a sorted list\nkept with `bisect`).
"""

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pqueue import PriorityQueue


@pytest.mark.task(taskno=1)
def test_pops_the_smallest_priority_first() -> None:
    queue: PriorityQueue[str] = PriorityQueue()
    for item, priority in [("write", 3), ("deploy", 5), ("test", 1), ("review", 2)]:
        queue.push(item, priority)
    popped = [queue.pop() for _ in range(4)]
    assert popped == ["test", "review", "write", "deploy"], "a min-queue gives the lowest priority first"


@pytest.mark.task(taskno=1)
def test_peek_shows_the_next_item_without_removing_it() -> None:
    queue: PriorityQueue[str] = PriorityQueue()
    queue.push("b", 2)
    queue.push("a", 1)
    assert queue.peek() == "a"
    assert queue.peek() == "a", "peek must leave the item in place"
    assert len(queue) == 2


@pytest.mark.task(taskno=1)
def test_len_and_bool_follow_the_contents() -> None:
    queue: PriorityQueue[int] = PriorityQueue()
    assert len(queue) == 0
    assert not queue, "an empty queue is falsy, like an empty list"
    queue.push(7, 7)
    assert len(queue) == 1
    assert queue, "a queue with items is truthy"
    queue.pop()
    assert (len(queue), bool(queue)) == (0, False)


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("operation", ["pop", "peek"])
def test_empty_queue_raises_index_error(operation: str) -> None:
    queue: PriorityQueue[int] = PriorityQueue()
    with pytest.raises(IndexError) as raised:
        getattr(queue, operation)()
    expected = "pop from an empty priority queue" if operation == "pop" else "peek at an empty priority queue"
    assert str(raised.value) == expected, "the README gives the message word for word"
    queue.push(1, 1)
    queue.pop()
    with pytest.raises(IndexError, match="empty"):
        getattr(queue, operation)()


@pytest.mark.task(taskno=1)
def test_items_are_their_own_priority_by_default() -> None:
    queue = PriorityQueue([5, 3, 9, 1, 7])
    assert len(queue) == 5, "the constructor queues every item it is given"
    assert [queue.pop() for _ in range(5)] == [1, 3, 5, 7, 9], "without a priority, an item ranks by itself"


@pytest.mark.task(taskno=1)
@given(st.lists(st.integers(-1000, 1000)))
def test_pops_in_sorted_order(priorities: list[int]) -> None:
    queue: PriorityQueue[int] = PriorityQueue()
    for item, priority in enumerate(priorities):
        queue.push(item, priority)
    popped = [priorities[queue.pop()] for _ in range(len(priorities))]
    assert popped == sorted(priorities), "popping everything must give the priorities in ascending order"
    assert not queue


@pytest.mark.task(taskno=1)
def test_is_written_by_hand_not_wrapped_around_heapq() -> None:
    queue = PriorityQueue([2, 1])
    assert queue.pop() == 1
    borrowed = {"heapq", "_heapq", "bisect", "_bisect"}
    for name, module in list(sys.modules.items()):
        if name == "pqueue" or name.startswith("pqueue."):
            for value in vars(module).values():
                source = getattr(value, "__name__", None) if isinstance(value, type(sys)) else None
                source = source or getattr(value, "__module__", None)
                assert source not in borrowed, (
                    f"{name} uses {source} ({value!r}): write the sift-up and sift-down yourself"
                )
