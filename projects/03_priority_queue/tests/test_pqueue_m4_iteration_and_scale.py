"""Milestone 4: iteration without emptying, the whole contract against a model, and O(log n) at scale.

Mistakes these tests catch: iteration that pops the real queue, iteration in
heap (array) order, a queue changed mid-iteration silently, any divergence
from a plain sorted list over random push/pop/update/remove sequences in
either mode, `update`/`remove` by linear search, `pop` by scanning for the
minimum, iteration by repeated min().
"""

import itertools
import random

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from pqueue import PriorityQueue

N = 100_000


@pytest.mark.task(taskno=4)
def test_iterates_in_priority_order_and_leaves_the_queue_alone() -> None:
    queue = PriorityQueue([5, 1, 4, 2, 3, 0])
    assert list(queue) == [0, 1, 2, 3, 4, 5], "iteration gives the order pop would, not the heap's array order"
    assert len(queue) == 6, "iterating must not empty the queue"
    assert list(queue) == [0, 1, 2, 3, 4, 5], "and can be repeated"


@pytest.mark.task(taskno=4)
def test_iteration_is_lazy_enough_for_the_top_few() -> None:
    queue: PriorityQueue[int] = PriorityQueue(order="max")
    for item in range(10):
        queue.push(item, item % 5)
    assert list(itertools.islice(queue, 3)) == [4, 9, 3], "the first three of a max-queue, ties in arrival order"


@pytest.mark.task(taskno=4)
def test_changing_the_queue_during_iteration_is_an_error() -> None:
    queue = PriorityQueue([3, 1, 2])
    iterator = iter(queue)
    assert next(iterator) == 1
    queue.push(0, 0)
    with pytest.raises(RuntimeError, match="changed"):
        next(iterator)


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize("change", ["pop", "update", "push"])
def test_a_change_is_noticed_after_earlier_changes_too(change: str) -> None:
    queue = PriorityQueue([5, 1, 4, 2])

    def make_change() -> None:
        if change == "pop":
            queue.pop()
        elif change == "push":
            queue.push(len(queue) + 10)
        else:
            queue.update(max(queue), -len(queue))

    make_change()
    iterator = iter(queue)
    next(iterator)
    make_change()
    with pytest.raises(RuntimeError, match="changed"):
        next(iterator)


class QueueAgainstSortedList(RuleBasedStateMachine):
    """Drives a PriorityQueue and a sorted list of (rank, arrival, item) side by side."""

    order = "min"

    def __init__(self) -> None:
        super().__init__()
        self.queue: PriorityQueue[int] = PriorityQueue(order=self.order)  # type: ignore[arg-type]
        self.model: list[tuple[int, int, int]] = []
        self.arrivals = itertools.count()

    def _rank(self, priority: int) -> int:
        return priority if self.order == "min" else -priority

    def _add(self, item: int, priority: int) -> None:
        self.model.append((self._rank(priority), next(self.arrivals), item))
        self.model.sort()

    def _drop(self, item: int) -> None:
        self.model = [entry for entry in self.model if entry[2] != item]

    def _items(self) -> list[int]:
        return [item for _, _, item in self.model]

    @rule(item=st.integers(0, 30), priority=st.integers(-3, 3))
    def push(self, item: int, priority: int) -> None:
        if item in self._items():
            with pytest.raises(ValueError, match="update"):
                self.queue.push(item, priority)
        else:
            self.queue.push(item, priority)
            self._add(item, priority)

    @precondition(lambda self: self.model)
    @rule()
    def pop(self) -> None:
        expected = self.model.pop(0)[2]
        assert self.queue.pop() == expected

    @precondition(lambda self: self.model)
    @rule(data=st.data(), priority=st.integers(-3, 3))
    def update(self, data: st.DataObject, priority: int) -> None:
        item = data.draw(st.sampled_from(self._items()))
        self.queue.update(item, priority)
        self._drop(item)
        self._add(item, priority)

    @precondition(lambda self: self.model)
    @rule(data=st.data())
    def remove(self, data: st.DataObject) -> None:
        item = data.draw(st.sampled_from(self._items()))
        self.queue.remove(item)
        self._drop(item)

    @invariant()
    def agrees_with_the_model(self) -> None:
        assert len(self.queue) == len(self.model)
        assert bool(self.queue) == bool(self.model)
        assert list(self.queue) == self._items(), "iteration must match the sorted model"
        if self.model:
            assert self.queue.peek() == self.model[0][2]


class MaxQueueAgainstSortedList(QueueAgainstSortedList):
    order = "max"


TestMinQueueMatchesASortedList = pytest.mark.task(taskno=4)(QueueAgainstSortedList.TestCase)
TestMaxQueueMatchesASortedList = pytest.mark.task(taskno=4)(MaxQueueAgainstSortedList.TestCase)
TestMinQueueMatchesASortedList.settings = TestMaxQueueMatchesASortedList.settings = settings(
    max_examples=40, stateful_step_count=30, deadline=None
)


@pytest.mark.task(taskno=4)
@pytest.mark.timeout(30)
def test_two_hundred_thousand_mixed_operations_run_in_n_log_n() -> None:
    rng = random.Random(2024)
    queue: PriorityQueue[int] = PriorityQueue()
    for item in range(N):
        queue.push(item, rng.random())
    for item in rng.sample(range(N), 40_000):
        queue.update(item, rng.random())
    removed = rng.sample(range(N), 20_000)
    for item in removed:
        queue.remove(item)
    popped = [queue.pop() for _ in range(40_000)]
    assert len(queue) == N - 20_000 - 40_000
    assert not set(popped) & set(removed), "a removed item must never be popped"


@pytest.mark.task(taskno=4)
@pytest.mark.timeout(30)
def test_iterating_fifty_thousand_items_runs_in_n_log_n() -> None:
    queue = PriorityQueue(range(50_000, 0, -1))
    assert next(iter(queue)) == 1
    assert sum(1 for _ in queue) == 50_000
