"""Tests for the ring-buffer kata.

Mistakes these tests catch: a deque or list.pop(0) instead of a ring, a
capacity of 0 accepted, enqueue that grows past
the capacity or silently drops the item instead of raising QueueFullError,
dequeue returning the newest item (a stack, not a queue), head or tail not
wrapping with `%` (IndexError after the first lap), `len` wrong after
wrapping, an empty buffer returning None instead of raising IndexError, a
falsy item (0, "") mistaken for an empty slot, iteration that consumes the
queue or starts at slot 0 instead of head, dequeued objects kept alive in
their slot, push_overwrite dropping the newest item or returning the wrong one.
"""

import ast
import gc
import inspect
import weakref
from collections import deque

import pytest
import ring_buffer
from hypothesis import given
from hypothesis import strategies as st
from ring_buffer import QueueFullError, RingBuffer


@pytest.mark.task(taskno=1)
def test_queue_is_first_in_first_out() -> None:
    queue: RingBuffer[str] = RingBuffer(3)
    for item in "abc":
        queue.enqueue(item)
    assert queue.capacity == 3
    assert [queue.dequeue(), queue.dequeue()] == ["a", "b"], "dequeue returns the oldest item"
    assert len(queue) == 1


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("capacity", [0, -1])
def test_capacity_must_be_positive(capacity: int) -> None:
    with pytest.raises(ValueError, match="capacity"):
        RingBuffer(capacity)


@pytest.mark.task(taskno=1)
def test_full_queue_refuses_and_empty_queue_raises() -> None:
    queue: RingBuffer[int] = RingBuffer(2)
    queue.enqueue(1)
    queue.enqueue(2)
    assert queue.is_full()
    with pytest.raises(QueueFullError, match=r"full \(capacity 2\)"):
        queue.enqueue(3)
    assert len(queue) == 2, "a refused item must not change the queue"
    queue.dequeue()
    queue.dequeue()
    assert len(queue) == 0
    assert not queue.is_full()
    with pytest.raises(IndexError, match=r"^the queue is empty$"):
        queue.dequeue()


@pytest.mark.task(taskno=1)
def test_the_buffer_is_built_by_hand() -> None:
    queue: RingBuffer[str] = RingBuffer(1)
    queue.enqueue("a")
    assert queue.dequeue() == "a"
    tree = ast.parse(inspect.getsource(ring_buffer))
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    names |= {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    assert "deque" not in names, "build the ring yourself: a list of slots, a head index and a size, not a deque"
    pops_front = [
        ast.unparse(node)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and ast.unparse(node.func).endswith(".pop") and ast.unparse(node.args[:1]) == "0"
    ]
    assert not pops_front, f"{pops_front}: list.pop(0) moves every item; move the head index with % instead"


@pytest.mark.task(taskno=1)
@pytest.mark.timeout(5)
def test_operations_are_constant_time_on_a_big_buffer() -> None:
    queue: RingBuffer[int] = RingBuffer(100_000)
    for number in range(100_000):
        queue.enqueue(number)
    for number in range(100_000, 250_000):
        queue.dequeue()
        queue.enqueue(number)
    assert queue.peek() == 150_000
    # a Timeout here means an operation moves every item: a ring only moves its head index


@pytest.mark.task(taskno=1)
def test_indexes_wrap_around_for_many_laps() -> None:
    queue: RingBuffer[int] = RingBuffer(3)
    out = []
    for number in range(100):
        queue.enqueue(number)
        if len(queue) == 3:
            out.append(queue.dequeue())
    assert out == list(range(98)), "after the last slot, the next item goes to slot 0: use % capacity"
    assert [queue.dequeue(), queue.dequeue()] == [98, 99]


@pytest.mark.task(taskno=1)
def test_dequeued_items_are_not_kept_alive() -> None:
    class Job:
        pass

    queue: RingBuffer[Job] = RingBuffer(2)
    job = Job()
    ref = weakref.ref(job)
    queue.enqueue(job)
    queue.dequeue()
    del job
    gc.collect()
    assert ref() is None, "clear the slot on dequeue (set it to None) so the buffer does not hold on to old items"


@pytest.mark.task(taskno=2)
def test_peek_and_iterate_leave_the_queue_alone() -> None:
    queue: RingBuffer[int] = RingBuffer(3)
    for number in (0, 1, 2):
        queue.enqueue(number)
    queue.dequeue()
    queue.enqueue(3)
    assert queue.peek() == 1, "peek shows the oldest item"
    assert list(queue) == [1, 2, 3], "iterate from oldest (at head) to newest, across the wrap"
    assert list(queue) == [1, 2, 3], "iterating twice gives the same items"
    assert len(queue) == 3
    empty: RingBuffer[int] = RingBuffer(1)
    with pytest.raises(IndexError, match=r"^the queue is empty$"):
        empty.peek()
    assert list(empty) == []


@pytest.mark.task(taskno=2)
def test_falsy_items_are_items() -> None:
    queue: RingBuffer[object] = RingBuffer(3)
    for item in (0, "", None):
        queue.enqueue(item)
    assert len(queue) == 3
    assert list(queue) == [0, "", None]
    assert queue.peek() == 0


@pytest.mark.task(taskno=3)
def test_push_overwrite_drops_the_oldest() -> None:
    recent: RingBuffer[int] = RingBuffer(3)
    assert [recent.push_overwrite(n) for n in range(5)] == [None, None, None, 0, 1]
    assert list(recent) == [2, 3, 4]
    assert len(recent) == 3


operations = st.lists(
    st.one_of(
        st.tuples(st.just("enqueue"), st.integers()),
        st.tuples(st.just("overwrite"), st.integers()),
        st.just(("dequeue", 0)),
    ),
    max_size=60,
)


@pytest.mark.task(taskno=3)
@given(st.integers(min_value=1, max_value=5), operations)
def test_ring_buffer_behaves_like_a_bounded_deque(capacity: int, ops: list[tuple[str, int]]) -> None:
    queue: RingBuffer[int] = RingBuffer(capacity)
    model: deque[int] = deque()
    for name, value in ops:
        if name == "enqueue":
            if len(model) == capacity:
                with pytest.raises(QueueFullError):
                    queue.enqueue(value)
            else:
                queue.enqueue(value)
                model.append(value)
        elif name == "overwrite":
            expected = model.popleft() if len(model) == capacity else None
            model.append(value)
            assert queue.push_overwrite(value) == expected
        elif model:
            assert queue.dequeue() == model.popleft()
        else:
            with pytest.raises(IndexError):
                queue.dequeue()
        assert list(queue) == list(model)
        assert len(queue) == len(model)
        assert queue.is_full() == (len(model) == capacity)
