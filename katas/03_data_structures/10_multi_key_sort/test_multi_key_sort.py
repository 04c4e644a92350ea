"""Tests for the multi-key sort kata.

Mistakes these tests catch: case-sensitive sorting (lower-case names after
every capital), sorting by first name before last, reverse=True for the
whole rank (paths come out Z to A), sorting the input list in place,
`sort_by` applying the keys first to last (the last key wins), ignoring the
'-' prefix or keeping it in the field name, a `sort_by` that is not stable,
`None` due dates crashing the comparison or sorting first.
"""

import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from multi_key_sort import rank_endpoints, sort_by, sort_tickets, sort_users


@pytest.mark.task(taskno=1)
def test_users_sort_by_last_then_first_ignoring_case() -> None:
    users = [
        {"first": "ann", "last": "Smith"},
        {"first": "Bo", "last": "adams"},
        {"first": "Al", "last": "smith"},
        {"first": "Cy", "last": "Brown"},
    ]
    result = sort_users(users)
    assert [(u["first"], u["last"]) for u in result] == [
        ("Bo", "adams"),
        ("Cy", "Brown"),
        ("Al", "smith"),
        ("ann", "Smith"),
    ], "by last name, then first name, ignoring case: 'adams' comes before 'Brown'"
    assert users[0] == {"first": "ann", "last": "Smith"}, "return a new list; leave the input alone"


@pytest.mark.task(taskno=2)
def test_rank_endpoints_mixes_directions() -> None:
    stats = [
        {"path": "/b", "errors": 3, "p95_ms": 90},
        {"path": "/a", "errors": 3, "p95_ms": 90},
        {"path": "/c", "errors": 7, "p95_ms": 10},
        {"path": "/d", "errors": 3, "p95_ms": 400},
        {"path": "/e", "errors": 0, "p95_ms": 999},
    ]
    assert [s["path"] for s in rank_endpoints(stats)] == ["/c", "/d", "/a", "/b", "/e"], (
        "errors and p95 descending, but path ascending: negate the numbers, not the whole sort"
    )


@pytest.mark.task(taskno=3)
def test_sort_by_mixed_text_directions() -> None:
    rows = [
        {"team": "b", "name": "x"},
        {"team": "a", "name": "x"},
        {"team": "a", "name": "y"},
        {"team": "b", "name": "y"},
    ]
    assert [(r["team"], r["name"]) for r in sort_by(rows, ["team", "-name"])] == [
        ("a", "y"),
        ("a", "x"),
        ("b", "y"),
        ("b", "x"),
    ], "the first key decides first: apply the passes from the last key to the first"
    assert [(r["team"], r["name"]) for r in sort_by(rows, ["-name", "team"])] == [
        ("a", "y"),
        ("b", "y"),
        ("a", "x"),
        ("b", "x"),
    ]


@pytest.mark.task(taskno=3)
def test_sort_by_keeps_input_order_for_ties_and_empty_spec() -> None:
    rows = [{"id": 1, "team": "a"}, {"id": 2, "team": "b"}, {"id": 3, "team": "a"}]
    assert [r["id"] for r in sort_by(rows, ["team"])] == [1, 3, 2]
    assert [r["id"] for r in sort_by(rows, ["-team"])] == [2, 1, 3], "descending keeps ties in input order too"
    assert [r["id"] for r in sort_by(rows, [])] == [1, 2, 3], "no keys: the input order"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("spec", [[], ["-team"]], ids=["no-keys", "one-key"])
def test_sort_by_returns_a_new_list_and_leaves_the_input_alone(spec: list[str]) -> None:
    rows = [{"id": 1, "team": "a"}, {"id": 2, "team": "b"}]
    result = sort_by(rows, spec)
    assert result is not rows, "return a new list, even when there is nothing to sort by"
    assert [r["id"] for r in rows] == [1, 2], "sort a copy: the caller's list must keep its order"


records = st.lists(
    st.fixed_dictionaries({"a": st.integers(0, 2), "b": st.sampled_from("xyz"), "id": st.integers()}),
    max_size=25,
)
specs = st.lists(st.sampled_from(["a", "-a", "b", "-b"]), max_size=3, unique_by=lambda field: field.lstrip("-"))


@pytest.mark.task(taskno=3)
@given(records, specs)
def test_sort_by_orders_pairs_and_is_stable(rows: list[dict[str, object]], spec: list[str]) -> None:
    result = sort_by(rows, spec)
    assert sorted(map(id, result)) == sorted(map(id, rows)), "the same records, reordered"
    position = {id(row): index for index, row in enumerate(rows)}
    for first, second in itertools.pairwise(result):
        for field in spec:
            name, descending = field.lstrip("-"), field.startswith("-")
            x, y = first[name], second[name]
            if x != y:
                assert (x > y) if descending else (x < y), f"{first} should not come before {second} for {spec}"  # type: ignore[operator]
                break
        else:
            assert position[id(first)] < position[id(second)], "records equal on every key keep their input order"


@pytest.mark.task(taskno=4)
def test_tickets_without_due_date_go_last() -> None:
    tickets = [
        {"id": 1, "due": None, "priority": 1},
        {"id": 2, "due": date(2024, 6, 1), "priority": 2},
        {"id": 3, "due": date(2024, 6, 1), "priority": 1},
        {"id": 4, "due": date(2024, 5, 1), "priority": 3},
        {"id": 5, "due": None, "priority": 0},
    ]
    assert [t["id"] for t in sort_tickets(tickets)] == [4, 3, 2, 5, 1], (
        "by due date with None last (None cannot be compared with a date), then by priority"
    )
