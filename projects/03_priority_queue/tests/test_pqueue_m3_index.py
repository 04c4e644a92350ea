"""Milestone 3: an index map for `update`, `remove`, `in` and `priority_of`.

Mistakes these tests catch: `update` that only sifts one way (raising a
priority works, lowering it does not, or the reverse), `remove` that forgets
to restore the heap where the last entry lands, the index map left stale
after a swap, an updated item keeping its old place among equal priorities,
duplicates pushed twice, missing items raising ValueError (or nothing)
instead of KeyError.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pqueue import PriorityQueue


def drain(queue: PriorityQueue[str]) -> list[str]:
    return [queue.pop() for _ in range(len(queue))]


def letters(priorities: dict[str, int]) -> PriorityQueue[str]:
    queue: PriorityQueue[str] = PriorityQueue()
    for item, priority in priorities.items():
        queue.push(item, priority)
    return queue


@pytest.mark.task(taskno=3)
def test_update_moves_an_item_both_ways() -> None:
    queue = letters({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5})
    queue.update("e", 0)
    assert queue.peek() == "e", "a lower priority must sift the item up"
    queue.update("e", 10)
    queue.update("a", 3.5)
    assert drain(queue) == ["b", "c", "a", "d", "e"], "a higher priority must sift the item down"


@pytest.mark.task(taskno=3)
def test_an_updated_item_queues_behind_its_new_equals() -> None:
    queue = letters({"a": 1, "b": 2, "c": 2})
    queue.update("a", 2)
    assert drain(queue) == ["b", "c", "a"], "an update counts as arriving anew: behind the items already at 2"


@pytest.mark.task(taskno=3)
def test_remove_takes_an_item_from_anywhere() -> None:
    queue = letters({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7})
    queue.remove("b")
    queue.remove("a")
    assert "b" not in queue
    assert len(queue) == 5
    assert drain(queue) == ["c", "d", "e", "f", "g"]


@pytest.mark.task(taskno=3)
def test_contains_and_priority_of_use_the_index() -> None:
    queue = letters({"a": 1, "b": 2})
    assert "a" in queue
    assert "z" not in queue
    assert queue.priority_of("b") == 2
    queue.update("b", 9)
    assert queue.priority_of("b") == 9
    queue.pop()
    assert "a" not in queue, "a popped item is no longer in the queue"


@pytest.mark.task(taskno=3)
def test_the_index_knows_every_item_given_to_the_constructor() -> None:
    queue = PriorityQueue(range(10, 0, -1))
    assert [queue.priority_of(item) for item in range(1, 11)] == list(range(1, 11)), (
        "PriorityQueue(items) must index every item, the leaves that heapify never moves too"
    )
    queue.remove(10)
    assert list(queue) == list(range(1, 10))


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("operation", ["remove", "update", "priority_of"])
def test_missing_items_raise_key_error(operation: str) -> None:
    queue = letters({"a": 1})
    queue.pop()
    args = ("a", 5) if operation == "update" else ("a",)
    with pytest.raises(KeyError, match="'a' is not in the queue"):
        getattr(queue, operation)(*args)


@pytest.mark.task(taskno=3)
def test_an_update_whose_priority_cannot_be_compared_changes_nothing() -> None:
    queue = letters({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5})
    with pytest.raises(TypeError):
        queue.update("e", "high")
    assert queue.priority_of("e") == 5, "an update that raises keeps the old priority"
    assert drain(queue) == ["a", "b", "c", "d", "e"], "and the heap as it was"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("operation", ["pop", "remove"])
def test_a_pop_or_remove_that_cannot_compare_changes_nothing(operation: str) -> None:
    queue: PriorityQueue[str] = PriorityQueue()
    for item, priority in [("a", (0, "x")), ("b", (1, 2)), ("c", (1, "y"))]:
        queue.push(item, priority)  # (1, 2) and (1, 'y') were never compared with each other
    with pytest.raises(TypeError):
        getattr(queue, operation)(*(() if operation == "pop" else ("a",)))
    assert (len(queue), queue.peek(), "a" in queue) == (3, "a", True), (
        "a pop or remove that raises (here when 'c' moves into the hole and meets 'b') leaves every item queued"
    )
    queue.update("c", (2, 0))
    assert drain(queue) == ["a", "b", "c"]


@pytest.mark.task(taskno=3)
def test_rejects_pushing_an_item_twice() -> None:
    queue = letters({"a": 1})
    with pytest.raises(ValueError, match="update"):
        queue.push("a", 0)
    assert len(queue) == 1, "a rejected push leaves the queue unchanged"
    assert queue.priority_of("a") == 1


@pytest.mark.task(taskno=3)
@given(
    st.dictionaries(st.integers(0, 200), st.integers(0, 20), min_size=1, max_size=60),
    st.data(),
)
def test_pop_order_stays_right_after_updates_and_removals(priorities: dict[int, int], data: st.DataObject) -> None:
    queue: PriorityQueue[int] = PriorityQueue()
    for item, priority in priorities.items():
        queue.push(item, priority)
    for item in data.draw(st.lists(st.sampled_from(sorted(priorities)), unique=True, max_size=10)):
        queue.remove(item)
        del priorities[item]
    for item in data.draw(st.lists(st.sampled_from(sorted(priorities)), max_size=10)) if priorities else []:
        new = data.draw(st.integers(0, 20))
        queue.update(item, new)
        priorities[item] = new
    popped = [queue.pop() for _ in range(len(queue))]
    assert [priorities[item] for item in popped] == sorted(priorities.values())
    assert sorted(popped) == sorted(priorities), "every item still queued comes out exactly once"
