"""Tests for the choosing-collections kata.

Mistakes these tests catch: e-mails not trimmed or lower-cased, inactive users
kept, a missing "active" key crashing, `dedupe` via `set()` (order lost) or
`sorted(set())` (order changed), `dedupe` that is quadratic on a long list,
`missing_permissions` returning granted-minus-required (the wrong way round),
`common_tags` that returns the union or crashes on no posts, `index_by_id`
that lets a later record silently overwrite an earlier one, a cache key that
depends on parameter order or contains a dict (unhashable).
"""

import pytest
from choosing_collections import active_emails, cache_key, common_tags, dedupe, index_by_id, missing_permissions
from hypothesis import example, given
from hypothesis import strategies as st


@pytest.mark.task(taskno=1)
def test_active_emails_are_clean_and_in_order() -> None:
    users = [
        {"email": " Ann@Example.com", "active": True},
        {"email": "bob@x.io", "active": False},
        {"email": "CAROL@x.io ", "active": True},
        {"email": "dan@x.io"},
    ]
    assert active_emails(users) == ["ann@example.com", "carol@x.io"], (
        "keep active users only (a missing 'active' counts as inactive), trimmed and lower-cased"
    )
    assert active_emails([]) == []


@pytest.mark.task(taskno=1)
def test_dedupe_keeps_first_occurrences_in_order() -> None:
    assert dedupe([30, 10, 30, 20, 10]) == [30, 10, 20], "a set loses the order: keep first occurrences"
    assert dedupe(["b", "a", "b", "c", "a"]) == ["b", "a", "c"], "a set loses the order: keep first occurrences"
    assert dedupe(iter([3, 1, 3])) == [3, 1], "any iterable works, even a one-shot iterator"


@pytest.mark.task(taskno=1)
@given(st.lists(st.integers(min_value=0, max_value=20)))
def test_dedupe_property(items: list[int]) -> None:
    result = dedupe(items)
    assert len(result) == len(set(result)), "no repeats in the result"
    assert set(result) == set(items), "every distinct item is kept"
    assert result == sorted(result, key=items.index), "items stay in order of first appearance"


@pytest.mark.task(taskno=1)
@pytest.mark.timeout(5)
def test_dedupe_is_fast_on_a_long_list() -> None:
    items = list(range(50_000)) * 2
    result = dedupe(items)
    assert result == list(range(50_000)), "use a set or dict to remember what you have seen, not a list"


@pytest.mark.task(taskno=2)
def test_missing_permissions_is_required_minus_granted() -> None:
    assert missing_permissions(["read", "write", "admin"], {"read", "write", "billing"}) == {"admin"}
    assert missing_permissions([], ["read"]) == set()
    assert missing_permissions(["read", "read"], []) == {"read"}


@pytest.mark.task(taskno=2)
def test_common_tags_are_in_every_set() -> None:
    assert common_tags([{"python", "web"}, {"python", "db"}, {"python", "web"}]) == {"python"}
    assert common_tags([{"a", "b"}]) == {"a", "b"}
    assert common_tags([{"a"}, {"b"}]) == set()
    assert common_tags([]) == set(), "no posts: no common tags (and no crash)"


@pytest.mark.task(taskno=3)
def test_index_by_id_maps_ids_to_records() -> None:
    records = [{"id": 7, "name": "ann"}, {"id": 9, "name": "bob"}]
    index = index_by_id(records)
    assert index == {7: records[0], 9: records[1]}
    assert index[9] is records[1], "store the records themselves"


@pytest.mark.task(taskno=3)
def test_index_by_id_rejects_a_repeated_id() -> None:
    with pytest.raises(ValueError, match="7"):
        index_by_id([{"id": 7, "name": "ann"}, {"id": 7, "name": "impostor"}])


@pytest.mark.task(taskno=4)
def test_cache_key_is_hashable_and_normalised() -> None:
    key = cache_key("get", "/users", {"page": "2", "limit": "10"})
    assert key == ("GET", "/users", (("limit", "10"), ("page", "2")))
    assert {key: "cached"}[key] == "cached", "the key must be hashable"


@pytest.mark.task(taskno=4)
@given(st.dictionaries(st.text(min_size=1, max_size=5), st.text(max_size=5), max_size=6))
@example({"page": "2", "limit": "10"})
def test_cache_key_ignores_parameter_order(params: dict[str, str]) -> None:
    reversed_params = dict(reversed(list(params.items())))
    assert cache_key("GET", "/x", params) == cache_key("get", "/x", reversed_params), (
        f"{params} and {reversed_params} must give one key: sort the parameters by name"
    )
    hash(cache_key("GET", "/x", params))
