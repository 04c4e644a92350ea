"""Tests for the cursor-pagination kata.

Mistakes these tests catch: a cursor that is the offset in disguise (rows shift when new ones arrive, so a
page repeats), a WHERE on the time alone (articles sharing a time are skipped) or an ORDER BY without the
id (ties come back in any order), `<=` instead of `<` (the last article shown comes again), a `next` link
to an empty page when the rows divide evenly (next set when the page is full), a cursor in plain text or
unsigned (a client edits it and reads what it likes), a garbage or edited cursor that crashes (a 500 from
base64, JSON or `hmac.compare_digest` on non-ASCII text) instead of a 400, `int()` accepting " 5" or "+5"
as a limit, a limit without a cap, and a v1 that changes shape or does not announce its retirement with
exactly the Deprecation, Sunset and successor Link headers.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import cursor_pagination
import pytest
from cursor_pagination import (
    InvalidCursorError,
    decode_cursor,
    deprecation_headers,
    encode_cursor,
    fetch_page,
    parse_limit,
)
from cursor_pagination_app import create_app
from flask.testing import FlaskClient
from hypothesis import example, given
from hypothesis import strategies as st

# (id, title, published_at): ids are not in time order, and three articles share 09:00 on 5 March.
SEED = [
    (1, "Keyset pagination", "2026-03-05T09:00:00Z"),
    (2, "Offsets considered harmful", "2026-03-01T09:00:00Z"),
    (3, "Signing with HMAC", "2026-03-05T09:00:00Z"),
    (4, "Link headers", "2026-03-03T09:00:00Z"),
    (5, "Sunset and Deprecation", "2026-03-05T09:00:00Z"),
    (6, "Base64 in URLs", "2026-03-02T09:00:00Z"),
    (7, "Row values in SQL", "2026-03-04T09:00:00Z"),
    (8, "Tie breakers", "2026-03-03T09:00:00Z"),
    (9, "API versions", "2026-03-01T09:00:00Z"),
    (10, "Stable pages", "2026-03-06T09:00:00Z"),
]
NEWEST_FIRST = [10, 5, 3, 1, 7, 8, 4, 6, 9, 2]  # by published_at, newest first; ties by id, highest first


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    """An in-memory SQLite database with the ten articles of SEED."""
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT NOT NULL, published_at TEXT NOT NULL)"
    )
    connection.executemany("INSERT INTO articles (id, title, published_at) VALUES (?, ?, ?)", SEED)
    yield connection
    connection.close()


@pytest.fixture
def client(conn: sqlite3.Connection) -> FlaskClient:
    """A test client for the app over that database."""
    app = create_app(conn)
    app.config["TESTING"] = True
    return app.test_client()


def _walk(conn: sqlite3.Connection, limit: int) -> list[list[int]]:
    pages, after = [], None
    for _ in range(len(NEWEST_FIRST) + 2):
        rows, after = fetch_page(conn, after, limit)
        pages.append([row["id"] for row in rows])
        if after is None:
            return pages
    raise AssertionError(f"still a next position after {len(pages)} pages of {limit}: {pages}")


POSITION = ("2026-03-05T09:00:00Z", 3)


@pytest.mark.task(taskno=1)
@given(published_at=st.text(), article_id=st.integers())
@example(published_at="", article_id=0)
@example(published_at="2026-03-05T09:00:00Z", article_id=3)
@example(published_at="5 März, 09:00 ☕", article_id=-1)
@example(published_at="a.b.c", article_id=2**70)
def test_a_cursor_gives_back_its_position(published_at: str, article_id: int) -> None:
    cursor = encode_cursor((published_at, article_id))
    assert isinstance(cursor, str), f"a cursor is text, got {cursor!r}"
    decoded = decode_cursor(cursor)
    assert tuple(decoded) == (published_at, article_id), "decode_cursor(encode_cursor(p)) must give p back"
    assert type(decoded[1]) is int, f"the id comes back as an int, got {decoded[1]!r}"


@pytest.mark.task(taskno=1)
def test_a_cursor_is_opaque_and_url_safe() -> None:
    cursor = encode_cursor(POSITION)
    for plain in ("2026-03-05", "09:00:00"):
        assert plain not in cursor, (
            f"a cursor is opaque: the client must not read (or edit) the position in it, got {cursor!r}"
        )
    assert quote(cursor, safe="=") == cursor, (
        f"a cursor goes into a URL as it is: letters, digits, - _ . ~ and = only (urlsafe base64), got {cursor!r}"
    )


def _refused(cursor: str) -> InvalidCursorError:
    try:
        decode_cursor(cursor)
    except InvalidCursorError as error:
        return error
    except Exception as error:  # the wrong exception is the evidence
        raise AssertionError(
            f"{cursor[:60]!r} must raise InvalidCursorError (which the app turns into a 400), "
            f"not {type(error).__name__}: {error} (a 500)"
        ) from error
    raise AssertionError(f"{cursor[:60]!r} is not a cursor this server wrote, but decode_cursor accepted it")


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    "garbage",
    ["", "abc", "....", "a.b", "%%%", "é", "été.été", "W10=", '["2026-03-05T09:00:00Z", 3]', "x" * 5000],
    ids=lambda garbage: repr(garbage)[:30],
)
def test_garbage_is_an_invalid_cursor(garbage: str) -> None:
    error = _refused(garbage)
    assert "cursor" in str(error), f"say what is wrong: the message names the cursor, got {error}"


@pytest.mark.task(taskno=1)
def test_an_edited_cursor_is_refused() -> None:
    cursor = encode_cursor(POSITION)
    for index, char in enumerate(cursor):
        for replacement in [other for other in ("A", "z", "0", "é") if other != char]:
            edited = cursor[:index] + replacement + cursor[index + 1 :]
            try:
                position = decode_cursor(edited)
            except InvalidCursorError:
                continue
            except Exception as error:
                raise AssertionError(
                    f"changing character {index} of {cursor!r} to {replacement!r} must raise InvalidCursorError, "
                    f"not {type(error).__name__}: {error}"
                ) from error
            assert tuple(position) == POSITION, (
                f"{edited!r} (character {index} of {cursor!r} changed) was accepted as {position}: "
                "sign the cursor (hmac) so an edited one is refused"
            )
    _refused(cursor + "A")
    _refused(cursor[:-1])


@pytest.mark.task(taskno=1)
def test_a_cursor_signed_with_another_secret_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cursor_pagination, "SECRET", b"someone else's secret")
    foreign = encode_cursor(POSITION)
    monkeypatch.undo()
    _refused(foreign)
    assert tuple(decode_cursor(encode_cursor(POSITION))) == POSITION


@pytest.mark.task(taskno=2)
def test_the_first_page_is_newest_first_with_ties_broken_by_id(conn: sqlite3.Connection) -> None:
    rows, after = fetch_page(conn, None, 4)
    assert rows[0] == {"id": 10, "title": "Stable pages", "published_at": "2026-03-06T09:00:00Z"}, (
        "each article is a dict with id, title and published_at"
    )
    assert [row["id"] for row in rows] == [10, 5, 3, 1], (
        "newest first; articles 5, 3 and 1 share a time, so the id decides (highest first)"
    )
    assert tuple(after or ()) == ("2026-03-05T09:00:00Z", 1), "go on from the last article shown: (its time, its id)"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("limit", [1, 2, 3, 4, 7, 9])
def test_walking_the_pages_shows_every_article_once(conn: sqlite3.Connection, limit: int) -> None:
    pages = _walk(conn, limit)
    assert [article for page in pages for article in page] == NEWEST_FIRST, (
        f"pages of {limit} must show every article once, in order; got {pages} "
        "(ties at the page edge: compare (published_at, id), not the time alone)"
    )
    assert all(pages), f"no page is empty: {pages}"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("limit", [5, 10, 11])
def test_the_last_page_has_no_next_position(conn: sqlite3.Connection, limit: int) -> None:
    pages = _walk(conn, limit)
    assert pages == [NEWEST_FIRST[i : i + limit] for i in range(0, len(NEWEST_FIRST), limit)], (
        f"10 articles in pages of {limit}: when the last page is full there is still no next page "
        f"(fetch one row more than you show to know), got {pages}"
    )


@pytest.mark.task(taskno=2)
def test_an_empty_table_is_one_empty_page(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM articles")
    assert fetch_page(conn, None, 5) == ([], None)


@pytest.mark.task(taskno=2)
def test_pages_hold_still_while_articles_arrive_and_go(conn: sqlite3.Connection) -> None:
    first, after = fetch_page(conn, None, 3)
    assert [row["id"] for row in first] == [10, 5, 3]
    conn.executemany(
        "INSERT INTO articles (id, title, published_at) VALUES (?, ?, ?)",
        [
            (11, "Breaking news", "2026-03-07T09:00:00Z"),  # newer than everything: it goes on top
            (12, "Same minute", "2026-03-05T09:00:00Z"),  # ties with 5, 3, 1 but sorts before 3: already passed
            (13, "Late entry", "2026-03-04T09:00:00Z"),  # still ahead of the reader: it will show up
        ],
    )
    conn.execute("DELETE FROM articles WHERE id = 3")  # the very article the cursor points at
    rest, after = fetch_page(conn, after, 100)
    assert [row["id"] for row in rest] == [1, 13, 7, 8, 4, 6, 9, 2], (
        "after a page, the next one starts right after its last article, whatever arrived or left since: "
        "no article of the first page again, none skipped (an offset would repeat 5 and 3 here)"
    )
    assert after is None


@pytest.mark.task(taskno=3)
def test_parse_limit_reads_a_bounded_whole_number() -> None:
    assert parse_limit({}) == 20, "no ?limit= means 20"
    assert parse_limit({"limit": "1"}) == 1
    assert parse_limit({"limit": "100"}) == 100, "100 is the largest page"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("raw", ["0", "101", "-1", "abc", "1.5", " 5", "+5", "", "\u0665", "10000000000"], ids=repr)
def test_parse_limit_refuses_the_rest(raw: str) -> None:
    with pytest.raises(ValueError, match="limit") as caught:
        parse_limit({"limit": raw})
    assert not isinstance(caught.value, InvalidCursorError)


def _link_next(response: Any) -> str | None:
    found = re.findall(r'<([^>]*)>;\s*rel="next"', response.headers.get("Link", ""))
    return found[0] if found else None


@pytest.mark.task(taskno=3)
def test_v2_follows_next_links_to_the_end(client: FlaskClient) -> None:
    url: str | None = "/v2/articles?limit=4"
    seen: list[int] = []
    while url is not None and len(seen) <= len(NEWEST_FIRST):
        response = client.get(url)
        assert response.status_code == 200, f"GET {url} should be 200, got {response.status_code}"
        body = response.get_json()
        assert set(body) == {"data", "next"}, f"v2 answers {{'data': [...], 'next': url or null}}, got {body}"
        seen += [article["id"] for article in body["data"]]
        assert _link_next(response) == body["next"], "the Link header's rel=next is the same URL as 'next'"
        if body["next"] is not None:
            query = parse_qs(urlsplit(body["next"]).query)
            assert urlsplit(body["next"]).path == "/v2/articles"
            assert query["limit"] == ["4"], "the next link keeps the limit"
        url = body["next"]
    assert seen == NEWEST_FIRST, f"following next must show every article once, got {seen}"
    assert client.get("/v2/articles").get_json()["data"][0]["title"] == "Stable pages"


@pytest.mark.task(taskno=3)
def test_v2_refuses_a_bad_cursor_or_limit_with_400(client: FlaskClient) -> None:
    good = client.get("/v2/articles?limit=2").get_json()["next"]
    cursor = parse_qs(urlsplit(good).query)["cursor"][0]
    for query, word in [(f"cursor={cursor[:-2]}", "cursor"), ("cursor=%C3%A9t%C3%A9", "cursor"), ("limit=0", "limit")]:
        response = client.get(f"/v2/articles?{query}")
        assert response.status_code == 400, f"?{query} is the client's mistake: 400, got {response.status_code}"
        assert word in response.get_json()["error"], f"the error says what is wrong with the {word}"


@pytest.mark.task(taskno=4)
def test_deprecation_headers_announce_the_retirement() -> None:
    assert deprecation_headers() == {
        "Deprecation": "@1772323200",
        "Sunset": "Wed, 30 Jun 2027 23:59:59 GMT",
        "Link": '</v2/articles>; rel="successor-version"',
    }, (
        "Deprecation is @ and the Unix time of DEPRECATED_AT (RFC 9745); Sunset is SUNSET_AT as an HTTP date "
        "(RFC 8594); Link points at the successor version"
    )


@pytest.mark.task(taskno=4)
def test_v1_keeps_its_shape_and_says_it_is_deprecated(conn: sqlite3.Connection, client: FlaskClient) -> None:
    conn.executemany(
        "INSERT INTO articles (id, title, published_at) VALUES (?, ?, ?)",
        [(number, f"Old news {number}", f"2026-02-{number:02d}T09:00:00Z") for number in range(11, 16)],
    )
    first = client.get("/v1/articles")
    assert first.status_code == 200
    body = first.get_json()
    assert set(body) == {"articles", "page", "total"}, f"v1 keeps its old shape for its old clients, got {body}"
    assert [article["id"] for article in body["articles"]] == NEWEST_FIRST, "page 1 of v1: the ten newest"
    assert (body["page"], body["total"]) == (1, 15)
    second = client.get("/v1/articles?page=2").get_json()
    assert ([article["id"] for article in second["articles"]], second["page"]) == ([15, 14, 13, 12, 11], 2)
    for query in ("page=0", "page=abc"):
        assert client.get(f"/v1/articles?{query}").get_json()["page"] == 1, f"v1 reads ?{query} as page 1"
    for response in (first, client.get("/v1/articles?page=2")):
        assert response.headers.get("Deprecation") == "@1772323200", "every v1 answer carries Deprecation"
        assert response.headers.get("Sunset") == "Wed, 30 Jun 2027 23:59:59 GMT", "every v1 answer carries Sunset"
        assert response.headers.get("Link") == '</v2/articles>; rel="successor-version"', "and the successor"


@pytest.mark.task(taskno=4)
def test_v2_is_not_deprecated(client: FlaskClient) -> None:
    response = client.get("/v2/articles")
    assert "Deprecation" not in response.headers, "only v1 is deprecated"
    assert "Sunset" not in response.headers, "only v1 has a sunset"
