"""Tests for the basics-bug-hunt kata (a "fix" kata: the starter has the bugs).

Mistakes these tests catch: page 1 starting at index `per_page` (pages counted
from 0); the page count rounded down, so a partial last page is lost, or rounded
with round() (2.5 -> 2); an empty list with 0 pages; the headers default shared
between calls, so one request's token leaks into the next; the "fix" that swaps
the default for None but still writes into DEFAULT_HEADERS; the caller's own
dict changed; the same dict returned twice; ids compared with `is`, which only
works for the small ints CPython caches (-5 to 256).
"""

import pytest
from basics_bug_hunt import DEFAULT_HEADERS, can_edit, paginate, request_headers
from hypothesis import given
from hypothesis import strategies as st

ORIGINAL_DEFAULTS = {"Accept": "application/json", "User-Agent": "katas-client/1.0"}


@pytest.mark.task(taskno=1)
def test_first_page_starts_with_the_first_item() -> None:
    orders = list(range(1, 26))
    assert paginate(orders, 1) == (list(range(1, 11)), 3), "page 1 holds items 1-10 of 25, and there are 3 pages"


@pytest.mark.task(taskno=1)
def test_last_partial_page_counts_as_a_page() -> None:
    orders = list(range(1, 26))
    page, total_pages = paginate(orders, 3)
    assert page == [21, 22, 23, 24, 25], "page 3 holds the last 5 of 25 items"
    assert total_pages == 3, "25 items at 10 a page need 3 pages: round the count up, not down"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("count", "per_page", "pages"), [(0, 10, 1), (1, 10, 1), (10, 10, 1), (11, 10, 2), (25, 10, 3), (5, 2, 3)]
)
def test_page_count_rounds_up(count: int, per_page: int, pages: int) -> None:
    _, total_pages = paginate(list(range(count)), 1, per_page)
    assert total_pages == pages, f"{count} items at {per_page} a page make {pages} page(s)"


@pytest.mark.task(taskno=1)
def test_page_past_the_end_is_empty_and_page_zero_is_refused() -> None:
    assert paginate(list(range(25)), 4) == ([], 3), "there is no page 4 of 25 items: it is empty"
    with pytest.raises(ValueError, match="start at 1"):
        paginate([1, 2, 3], 0)


@pytest.mark.task(taskno=1)
@given(st.lists(st.integers(), max_size=60), st.integers(min_value=1, max_value=15))
def test_pages_hold_every_item_once_in_order(items: list[int], per_page: int) -> None:
    _, total_pages = paginate(items, 1, per_page)
    pages = [paginate(items, number, per_page)[0] for number in range(1, total_pages + 1)]
    assert [item for page in pages for item in page] == items, (
        f"pages 1..{total_pages} together should hold every item exactly once, in order"
    )
    assert all(len(page) <= per_page for page in pages), f"no page holds more than {per_page} items"


@pytest.mark.task(taskno=2)
def test_token_does_not_leak_into_the_next_request() -> None:
    assert request_headers("secret-token")["Authorization"] == "Bearer secret-token"
    later = request_headers()
    assert "Authorization" not in later, (
        "a request without a token got the previous request's token: the default dict is shared between calls"
    )


@pytest.mark.task(taskno=2)
def test_default_headers_never_change() -> None:
    request_headers("secret-token")
    request_headers("other-token")["X-Trace"] = "abc"
    assert dict(DEFAULT_HEADERS) == ORIGINAL_DEFAULTS, (
        f"DEFAULT_HEADERS changed to {dict(DEFAULT_HEADERS)}: copy it before adding to it"
    )


@pytest.mark.task(taskno=2)
def test_callers_headers_are_left_alone() -> None:
    mine = {"Accept": "text/csv"}
    headers = request_headers("secret-token", headers=mine)
    assert headers == {"Accept": "text/csv", "Authorization": "Bearer secret-token"}, (
        "the caller's headers plus the token"
    )
    assert mine == {"Accept": "text/csv"}, "the caller's own dict must not change: build a new one"


@pytest.mark.task(taskno=2)
def test_every_call_returns_a_new_dict() -> None:
    first, second = request_headers(), request_headers()
    assert first == second == ORIGINAL_DEFAULTS, "without a token, the headers are the defaults"
    assert first is not second, "each request gets its own dict, so changing one cannot change another"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("user_id", ["7", "256", "257", "1000", "123456789"])
def test_owner_can_edit_whatever_the_id(user_id: str) -> None:
    from_url, from_database = int(user_id), int(user_id)  # equal values, possibly different objects
    assert can_edit(from_url, from_database) is True, (
        f"user {user_id} owns the post: compare ids with == (equal values), not `is` (the same object)"
    )


@pytest.mark.task(taskno=3)
def test_admins_may_edit_and_strangers_may_not() -> None:
    assert can_edit(int("7000"), int("1000"), admin_ids={7000}) is True, "an admin may edit anything"
    assert can_edit(int("7000"), int("1000")) is False, "someone else's post, and not an admin"
    assert can_edit(1000, 1001, admin_ids=[1]) is False, "someone else's post, and not an admin"
