"""Tests for the linked-list kata.

Mistakes these tests catch: `len` that walks the list (O(n)) or forgets to
count, a repr without the values, append that walks to the end (quadratic on
a long list), a stale tail after popping or removing the last node (the next
append disappears), pop_front on an empty list returning None, `remove`
deleting every match, comparing with `is`, or raising the wrong error, reverse that builds new
nodes or a new list, loses the tail, or recurses (RecursionError on a long
list).
"""

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from linked_list import LinkedList, Node


def nodes_of(items: LinkedList[int]) -> list[Node[int]]:
    found, node = [], items.head
    while node is not None:
        found.append(node)
        node = node.next
    return found


@pytest.mark.task(taskno=1)
def test_build_push_front_and_iterate() -> None:
    items = LinkedList([2, 3])
    items.push_front(1)
    assert list(items) == [1, 2, 3]
    assert len(items) == 3
    assert 3 in items
    assert 4 not in items
    assert isinstance(items.head, Node)
    assert items.head.value == 1
    assert list(LinkedList()) == []
    assert len(LinkedList()) == 0


@pytest.mark.task(taskno=1)
def test_repr_shows_the_values() -> None:
    assert repr(LinkedList([1, 2, 3])) == "LinkedList([1, 2, 3])"
    assert repr(LinkedList()) == "LinkedList([])"


@pytest.mark.task(taskno=1)
@pytest.mark.timeout(5)
def test_len_is_constant_time() -> None:
    items = LinkedList(range(100_000))
    sizes = {len(items) for _ in range(20_000)}
    assert sizes == {100_000}, "keep a size counter: walking 100 000 nodes on every len() is too slow"


@pytest.mark.task(taskno=2)
def test_append_and_pop_front_make_a_queue() -> None:
    jobs: LinkedList[str] = LinkedList()
    jobs.append("a")
    jobs.append("b")
    assert jobs.pop_front() == "a"
    assert list(jobs) == ["b"]
    assert jobs.pop_front() == "b"
    assert len(jobs) == 0
    with pytest.raises(IndexError, match=r"^pop from an empty linked list$"):
        jobs.pop_front()
    jobs.append("c")
    assert list(jobs) == ["c"], "after the list emptied, append must set head again (and the tail)"


@pytest.mark.task(taskno=2)
@pytest.mark.timeout(5)
def test_append_is_constant_time() -> None:
    items: LinkedList[int] = LinkedList()
    for number in range(100_000):
        items.append(number)
    assert len(items) == 100_000, "keep a reference to the last node instead of walking to it"


@pytest.mark.task(taskno=3)
def test_remove_unlinks_the_first_match() -> None:
    items = LinkedList([1, 2, 3, 2])
    items.remove(2)
    assert list(items) == [1, 3, 2], "remove only the first match"
    assert len(items) == 3
    items.remove(1)
    assert list(items) == [3, 2], "removing the head moves head to the next node"
    with pytest.raises(ValueError, match="5"):
        items.remove(5)


@pytest.mark.task(taskno=3)
def test_remove_compares_values_with_equals() -> None:
    names = LinkedList(["".join(["a", "da"]), "bo"])
    try:
        names.remove("ada")  # equal to the stored string, but another object
    except ValueError:
        pytest.fail("'ada' == the stored value, yet remove did not find it: compare with ==, `is` compares identity")
    assert list(names) == ["bo"]


@pytest.mark.task(taskno=3)
def test_removing_the_last_node_moves_the_tail() -> None:
    items = LinkedList([1, 2, 3])
    items.remove(3)
    items.append(4)
    assert list(items) == [1, 2, 4], "after removing the tail, the tail is the node before it"
    single = LinkedList(["only"])
    single.remove("only")
    single.append("new")
    assert list(single) == ["new"]


@pytest.mark.task(taskno=4)
def test_reverse_reuses_the_nodes() -> None:
    items = LinkedList([1, 2, 3])
    before = nodes_of(items)
    items.reverse()
    assert list(items) == [3, 2, 1]
    assert [id(node) for node in nodes_of(items)] == [id(node) for node in reversed(before)], (
        "re-point the existing nodes; do not build new ones"
    )
    items.append(0)
    assert list(items) == [3, 2, 1, 0], "after reversing, the old head is the tail"


@pytest.mark.task(taskno=4)
def test_reverse_handles_empty_single_and_very_long_lists() -> None:
    empty: LinkedList[int] = LinkedList()
    empty.reverse()
    assert list(empty) == []
    single = LinkedList([1])
    single.reverse()
    assert list(single) == [1]
    long = LinkedList(range(sys.getrecursionlimit() * 20))
    long.reverse()
    assert long.head is not None
    assert long.head.value == sys.getrecursionlimit() * 20 - 1, "reverse with a loop, not recursion"


@pytest.mark.task(taskno=4)
@given(
    st.lists(
        st.one_of(
            st.tuples(st.sampled_from(["push_front", "append", "remove"]), st.integers(0, 5)),
            st.tuples(st.sampled_from(["pop_front", "reverse"]), st.just(0)),
        ),
        max_size=40,
    )
)
def test_linked_list_behaves_like_a_python_list(operations: list[tuple[str, int]]) -> None:
    items: LinkedList[int] = LinkedList()
    model: list[int] = []
    for name, value in operations:
        if name == "push_front":
            items.push_front(value)
            model.insert(0, value)
        elif name == "append":
            items.append(value)
            model.append(value)
        elif name == "reverse":
            items.reverse()
            model.reverse()
        elif name == "pop_front" and model:
            assert items.pop_front() == model.pop(0)
        elif name == "remove" and value in model:
            items.remove(value)
            model.remove(value)
        assert list(items) == model
        assert len(items) == len(model)
