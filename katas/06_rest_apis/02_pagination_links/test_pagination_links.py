"""Tests for the pagination-links kata.

Mistakes these tests catch: page 0 or a negative page accepted, `int()` letting
"1.5", " 2" or "+3" through, per_page above the cap accepted (or silently
clamped), a "prev" link on page 1 or a "next" link on the last page, the last
page computed with `//` (one short when the division has a remainder) or as 0
for an empty collection, links that drop the other query parameters (the
filter) or per_page, a prev link past the end when the client asked for a page
beyond the last, a Link header without angle brackets or quotes around rel.
"""

from __future__ import annotations

import math
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from flask.testing import FlaskClient
from hypothesis import given
from hypothesis import strategies as st
from pagination_links import link_header, page_links, parse_page_params
from pagination_links_app import create_app

EVENTS = [{"id": n, "kind": "deploy" if n % 3 == 0 else "build"} for n in range(1, 96)]


@pytest.fixture
def client() -> FlaskClient:
    """A test client for an app holding 95 events (31 of them deploys)."""
    app = create_app(EVENTS)
    app.config["TESTING"] = True
    return app.test_client()


def _page_of(url: str) -> int:
    return int(parse_qs(urlsplit(url).query)["page"][0])


@pytest.mark.task(taskno=1)
def test_parse_uses_defaults() -> None:
    assert parse_page_params({}) == (1, 20), "no parameters means page 1 of 20"


@pytest.mark.task(taskno=1)
def test_parse_reads_both_numbers() -> None:
    assert parse_page_params({"page": "3", "per_page": "100"}) == (3, 100)
    assert parse_page_params({"page": "1", "per_page": "1"}) == (1, 1), "1 is the smallest page and page size"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    "args",
    [
        {"page": "0"},
        {"page": "-1"},
        {"page": "abc"},
        {"page": "1.5"},
        {"page": " 2"},
        {"page": "+3"},
        {"page": ""},
        {"page": "\u0663"},  # Arabic-Indic three: str.isdigit() and int() accept it
        {"per_page": "\u00b2"},  # superscript two: str.isdigit() accepts it
        {"per_page": "0"},
        {"per_page": "101"},
    ],
    ids=repr,
)
def test_parse_rejects_bad_numbers(args: dict[str, str]) -> None:
    outcome: object
    try:
        outcome = parse_page_params(args)
    except ValueError as error:
        outcome = error
    assert isinstance(outcome, ValueError), (
        f"{args} should be a ValueError (only the ASCII digits 0-9 count), got {outcome}"
    )
    assert "page" in str(outcome), f"name the parameter in the message, got {outcome}"


@pytest.mark.task(taskno=2)
def test_middle_page_has_all_four_links() -> None:
    links = page_links("/events", {}, page=2, per_page=10, total=95)
    assert {rel: _page_of(url) for rel, url in links.items()} == {"first": 1, "prev": 1, "next": 3, "last": 10}, (
        "95 items at 10 a page is 10 pages: the last one holds the remaining 5"
    )
    for rel, url in links.items():
        assert parse_qs(urlsplit(url).query).get("per_page") == ["10"], f"{rel} link must say per_page=10: {url}"


@pytest.mark.task(taskno=2)
def test_first_and_last_pages_omit_prev_and_next() -> None:
    assert "prev" not in page_links("/events", {}, 1, 10, 95), "page 1 has no previous page"
    assert "next" not in page_links("/events", {}, 10, 10, 95), "the last page has no next page"


@pytest.mark.task(taskno=2)
def test_empty_collection_has_one_page() -> None:
    links = page_links("/events", {}, 1, 10, 0)
    assert set(links) == {"first", "last"}, f"an empty collection is one empty page, links were {links}"
    assert _page_of(links["last"]) == 1, "last is page 1, never page 0"


@pytest.mark.task(taskno=2)
def test_past_the_end_points_back_at_the_last_page() -> None:
    links = page_links("/events", {}, 50, 10, 95)
    assert "next" not in links
    assert _page_of(links["prev"]) == 10, "prev from beyond the end should lead back to the real last page"


@pytest.mark.task(taskno=2)
def test_links_keep_the_other_query_parameters() -> None:
    links = page_links("/events", {"kind": "deploy", "page": "2", "per_page": "5"}, 2, 5, 31)
    for rel, url in links.items():
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        assert parts.path == "/events", f"{rel} link must stay on /events, got {url}"
        assert query.get("kind") == ["deploy"], f"{rel} link dropped the filter: {url}"
        assert query.get("per_page") == ["5"], f"{rel} link must keep per_page: {url}"
        assert len(query["page"]) == 1, f"{rel} link repeats page: {url}"


@pytest.mark.task(taskno=2)
@given(
    page=st.integers(min_value=1, max_value=50),
    per_page=st.integers(min_value=1, max_value=100),
    total=st.integers(min_value=0, max_value=5000),
)
def test_links_are_consistent(page: int, per_page: int, total: int) -> None:
    links = page_links("/x", {}, page, per_page, total)
    last = _page_of(links["last"])
    assert last == max(1, math.ceil(total / per_page)), "last page = ceil(total / per_page), at least 1"
    assert _page_of(links["first"]) == 1
    assert ("next" in links) == (page < last), "next exists exactly when there is a later page"
    assert ("prev" in links) == (page > 1), "prev exists exactly when page > 1"
    if "next" in links:
        assert _page_of(links["next"]) == page + 1


@pytest.mark.task(taskno=3)
def test_link_header_format() -> None:
    header = link_header({"next": "/e?page=3", "last": "/e?page=9"})
    assert header == '</e?page=3>; rel="next", </e?page=9>; rel="last"', (
        "RFC 8288: each link is <url>; rel=\"name\", separated by ', '"
    )


def _parse_link_header(value: str) -> dict[str, str]:
    return {rel: url for url, rel in re.findall(r'<([^>]*)>;\s*rel="([^"]+)"', value)}


@pytest.mark.task(taskno=3)
def test_endpoint_serves_a_page_and_its_links(client: FlaskClient) -> None:
    response = client.get("/events?kind=deploy&page=2&per_page=10")
    assert response.status_code == 200
    body: dict[str, Any] = response.get_json()
    assert [event["id"] for event in body["items"]] == list(range(33, 61, 3)), "page 2 of the deploys"
    assert body["total"] == 31
    links = _parse_link_header(response.headers.get("Link", ""))
    assert set(links) == {"first", "prev", "next", "last"}, f"Link header was {response.headers.get('Link')!r}"
    follow = client.get(links["next"]).get_json()
    assert follow["page"] == 3, "following rel=next must give page 3"
    assert all(event["kind"] == "deploy" for event in follow["items"]), "following a link must keep the filter"


@pytest.mark.task(taskno=3)
def test_endpoint_answers_400_for_bad_paging(client: FlaskClient) -> None:
    assert client.get("/events?page=0").status_code == 400, "page=0 is a client error: 400"
