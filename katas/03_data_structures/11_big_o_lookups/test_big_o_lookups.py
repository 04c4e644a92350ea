"""Tests for the big-O kata.

Mistakes these tests catch: `x in some_list` or `list.count` inside a loop
(quadratic: the 100 000- and 200 000-item tests time out after a few seconds instead of
taking a few hundredths), an iterable read twice (a Counter first, then the order), a set built inside the loop, repeats reported once
per extra occurrence, order taken from a set (arbitrary), case-sensitive
e-mail matching, an e-mail listed twice, spelled as in billing rather than
crm, `pair_with_total` pairing an amount with itself (i == j), or returning
the pair with the smallest i instead of the smallest j.

The big tests use @pytest.mark.timeout(5): a linear answer takes well under
0.3 s even on a slow, busy machine; a quadratic one takes minutes.
"""

import random

import pytest
from big_o_lookups import in_both, pair_with_total, repeated_ids
from hypothesis import given
from hypothesis import strategies as st

BIG = 200_000


@pytest.mark.task(taskno=1)
def test_repeated_ids_in_order_of_first_repeat() -> None:
    assert repeated_ids([7, 3, 7, 9, 3, 7]) == [7, 3]
    assert repeated_ids([1, 2, 3]) == []
    assert repeated_ids([]) == []
    assert repeated_ids(["b", "a", "a", "b"]) == ["a", "b"], "ordered by the first repeat, not the first occurrence"


@pytest.mark.task(taskno=1)
@given(st.lists(st.integers(min_value=0, max_value=9), max_size=30))
def test_repeated_ids_matches_a_slow_model(ids: list[int]) -> None:
    expected: list[int] = []
    for index, item in enumerate(ids):
        if item in ids[:index] and item not in expected:
            expected.append(item)
    assert repeated_ids(ids) == expected


@pytest.mark.task(taskno=1)
@pytest.mark.timeout(5)
def test_repeated_ids_is_linear() -> None:
    ids = list(range(BIG))
    random.Random(1).shuffle(ids)
    ids += [ids[10], ids[5]]
    result = repeated_ids(ids)
    assert result == [ids[10], ids[5]], "remember seen ids in a set: `in` on a list is O(n)"


@pytest.mark.task(taskno=2)
def test_in_both_is_case_insensitive_in_crm_order() -> None:
    assert in_both(["Ann@x.io", "bob@x.io", "ann@x.io"], ["ANN@X.IO", "cy@x.io"]) == ["Ann@x.io"]
    assert in_both(["a@x.io", "b@x.io"], ["b@x.io", "a@x.io"]) == ["a@x.io", "b@x.io"], "keep crm's order"
    assert in_both([], ["a@x.io"]) == []


@pytest.mark.task(taskno=2)
@pytest.mark.timeout(5)
def test_in_both_is_linear() -> None:
    crm = [f"user{n}@example.com" for n in range(BIG)]
    billing = [f"USER{n}@EXAMPLE.COM" for n in range(BIG - 1, -1, -3)]
    result = in_both(crm, billing)
    assert len(result) == len(billing)
    assert result[:2] == ["user1@example.com", "user4@example.com"], "build a set of billing e-mails once"


@pytest.mark.task(taskno=1)
def test_repeated_ids_reads_its_input_once() -> None:
    assert repeated_ids(iter([7, 3, 7, 9, 3, 7])) == [7, 3], (
        "the ids may come from a generator, which is empty the second time: use one pass"
    )


@pytest.mark.task(taskno=2)
def test_in_both_reads_each_input_once() -> None:
    assert in_both(iter(["Ann@x.io", "bob@x.io"]), iter(["ann@x.io"])) == ["Ann@x.io"], (
        "both lists may come from generators: read each one once"
    )


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("amounts", "total", "expected"),
    [
        ([500, 120, 380, 120, 880], 500, (1, 2)),
        ([100, 200], 1000, None),
        ([250], 500, None),
        ([250, 250], 500, (0, 1)),
        ([1, 9, 5, 5, 1], 10, (0, 1)),
        ([3, 3, 4, 6], 10, (2, 3)),
        ([3, 3, 7], 10, (0, 2)),
        ([0, -5, 5], 0, (1, 2)),
        ([], 0, None),
    ],
    ids=[
        "example",
        "none",
        "not-with-itself",
        "equal-pair",
        "smallest-j",
        "later-pair",
        "smallest-i",
        "negative",
        "empty",
    ],
)
def test_pair_with_total(amounts: list[int], total: int, expected: tuple[int, int] | None) -> None:
    assert pair_with_total(amounts, total) == expected, f"pair_with_total({amounts}, {total})"


@pytest.mark.task(taskno=3)
@given(st.lists(st.integers(min_value=-5, max_value=5), max_size=20), st.integers(min_value=-10, max_value=10))
def test_pair_with_total_matches_a_slow_search(amounts: list[int], total: int) -> None:
    expected = next(
        ((i, j) for j in range(len(amounts)) for i in range(j) if amounts[i] + amounts[j] == total),
        None,
    )
    assert pair_with_total(amounts, total) == expected


@pytest.mark.task(taskno=3)
@pytest.mark.timeout(5)
def test_pair_with_total_is_linear() -> None:
    size = BIG // 2
    amounts = [2 * n + 11 for n in range(size)]
    random.Random(2).shuffle(amounts)
    amounts.append(4)
    amounts.append(6)
    pair = pair_with_total(amounts, 10)
    assert pair == (size, size + 1), "only the last two add up to 10: no nested loops"
