"""Milestone 6: the blog holds under concurrent requests, PostgreSQL's limits and hostile input.

The races run on PostgreSQL only, with two real connections: the first request pauses just before its
COMMIT and the second runs into it (see `race` in conftest.py). Everything else runs on both databases.

Mistakes these tests catch: a check-then-insert that answers 500 when a concurrent request inserted the
same username, favourite, slug or tag first; a NUL character passed on to PostgreSQL (which cannot store
one); an `image` longer than its column; an id past INTEGER's range handed to the database; JSON nested
100,000 deep (a RecursionError) or a body of many megabytes parsed at all; an article list that runs two
queries per article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

PASSWORD = "correct horse battery"
ON_POSTGRESQL = pytest.mark.parametrize("backend", ["postgresql"])


def _register(client: FlaskClient, username: str) -> Any:
    user = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
    return client.post("/api/users", json={"user": user})


def _token(client: FlaskClient, username: str) -> dict[str, str]:
    response = _register(client, username)
    assert response.status_code == 201, response.get_json()
    return {"Authorization": f"Token {response.get_json()['user']['token']}"}


def _write(client: FlaskClient, headers: dict[str, str], title: str, tags: list[str] | None = None) -> Any:
    article = {"title": title, "description": "d", "body": "b", "tagList": tags or []}
    return client.post("/api/articles", json={"article": article}, headers=headers)


def _errors(response: Any) -> list[str]:
    body = response.get_json()
    assert isinstance(body, dict), f"errors come as JSON: {response.get_data(as_text=True)[:200]!r}"
    assert set(body) == {"errors"}, 'an error body is {"errors": {"body": [...]}}'
    return list(body["errors"]["body"])


@ON_POSTGRESQL
@pytest.mark.task(taskno=6)
def test_registering_one_username_twice_at_once_is_201_then_422(race) -> None:
    first, second = race(lambda c: _register(c, "jake"), lambda c: _register(c, "jake"))
    assert first.status_code == 201
    assert second.status_code == 422, "the loser of the race hears what it would hear a moment later, not a 500"
    assert _errors(second) == ["username has already been taken"]


@ON_POSTGRESQL
@pytest.mark.task(taskno=6)
def test_registering_on_the_page_at_the_same_moment_shows_the_taken_name(race) -> None:
    form = {"username": "alice", "email": "alice@example.com", "password": PASSWORD, "confirm": PASSWORD}
    first, second = race(lambda c: c.post("/auth/register", data=form), lambda c: c.post("/auth/register", data=form))
    assert first.status_code == 302
    assert second.status_code == 422, "the second form is shown again with the error, not a 500"
    assert "The username alice is taken." in second.get_data(as_text=True)


@ON_POSTGRESQL
@pytest.mark.task(taskno=6)
def test_two_articles_with_one_title_at_once_get_two_slugs(client: FlaskClient, race) -> None:
    headers = _token(client, "jake")
    first, second = race(
        lambda c: _write(c, headers, "Same title", ["brand-new"]),
        lambda c: _write(c, headers, "Same title", ["brand-new"]),
    )
    assert (first.status_code, second.status_code) == (201, 201), "both articles are written"
    slugs = [first.get_json()["article"]["slug"], second.get_json()["article"]["slug"]]
    assert slugs == ["same-title", "same-title-2"], "the second gets the next free slug, as it would a moment later"
    assert client.get("/api/tags").get_json() == {"tags": ["brand-new"]}, "the new tag is made once and shared"


@ON_POSTGRESQL
@pytest.mark.task(taskno=6)
def test_favouriting_twice_at_once_counts_once(client: FlaskClient, race) -> None:
    headers = _token(client, "jake")
    _write(client, headers, "Popular")
    send: Callable[[FlaskClient], Any] = lambda c: c.post("/api/articles/popular/favorite", headers=headers)  # noqa: E731
    first, second = race(send, send)
    assert (first.status_code, second.status_code) == (200, 200), "a double click favourites once, without a 500"
    assert second.get_json()["article"]["favoritesCount"] == 1


@ON_POSTGRESQL
@pytest.mark.task(taskno=6)
def test_following_twice_at_once_follows_once(client: FlaskClient, race) -> None:
    headers = _token(client, "jake")
    _token(client, "celeb")
    send: Callable[[FlaskClient], Any] = lambda c: c.post("/api/profiles/celeb/follow", headers=headers)  # noqa: E731
    first, second = race(send, send)
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.get_json()["profile"]["following"] is True


@pytest.mark.task(taskno=6)
def test_a_conflict_that_keeps_coming_back_is_409_after_three_tries(app: Flask) -> None:
    from blog.content import retry_on_conflict
    from sqlalchemy.exc import IntegrityError
    from werkzeug.exceptions import Conflict

    calls: list[int] = []

    @retry_on_conflict
    def always_collides() -> str:
        calls.append(1)
        raise IntegrityError("INSERT ...", {}, Exception("duplicate key"))

    with app.test_request_context(), pytest.raises(Conflict) as conflict:
        always_collides()
    assert len(calls) == 3, "three tries, then give up"
    assert conflict.value.description == "Someone else changed this at the same moment. Please try again."


@pytest.mark.task(taskno=6)
@pytest.mark.parametrize(
    "url",
    [
        "/api/articles/a%00b",
        "/api/profiles/a%00b",
        "/api/articles?tag=a%00",
        "/api/articles?author=a%00",
        "/api/articles?favorited=a%00",
        "/api/articles?a%00=1",
        "/api/articles?tag=ok&tag=a%00",
        "/posts/a%00b",
        "/tags/a%00b",
        "/?page=1%00",
    ],
)
def test_a_nul_character_in_the_url_is_400(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400, f"PostgreSQL cannot store or compare NUL: {url} must be refused with 400"
    if url.startswith("/api/"):
        assert _errors(response) == ["NUL characters are not allowed in URLs or forms."]


@pytest.mark.task(taskno=6)
def test_a_nul_character_in_a_form_is_400(client: FlaskClient, auth) -> None:
    auth.signup("alice")
    response = client.post("/create", data={"title": "a\x00b", "body": "b"})
    assert response.status_code == 400
    login = client.post("/auth/login", data={"username": "ali\x00ce", "password": PASSWORD})
    assert login.status_code == 400


@pytest.mark.task(taskno=6)
@pytest.mark.parametrize(
    ("method", "url", "body", "message"),
    [
        ("POST", "/api/articles", {"article": {"title": "a\x00", "description": "d", "body": "b"}}, "title"),
        ("POST", "/api/articles", {"article": {"title": "t", "description": "d", "body": "b\x00"}}, "body"),
        (
            "POST",
            "/api/articles",
            {"article": {"title": "t", "description": "d", "body": "b", "tagList": ["x\x00"]}},
            "tagList",
        ),
        ("PUT", "/api/user", {"user": {"bio": "\x00"}}, "bio"),
        ("PUT", "/api/user", {"user": {"image": "https://i.example/\x00.png"}}, "image"),
        ("POST", "/api/users/login", {"user": {"email": "jake\x00@example.com", "password": PASSWORD}}, "email"),
        ("POST", "/api/articles/hello/comments", {"comment": {"body": "hi\x00"}}, "body"),
    ],
)
def test_a_nul_character_in_json_is_422(client: FlaskClient, method: str, url: str, body: Any, message: str) -> None:
    headers = _token(client, "jake")
    _write(client, headers, "Hello")
    response = client.open(url, method=method, json=body, headers=headers)
    assert response.status_code == 422, "a NUL character must be refused before it reaches the database"
    assert _errors(response) == [f"{message} must not contain NUL characters"]


@pytest.mark.task(taskno=6)
@pytest.mark.parametrize(
    ("method", "url", "body", "field"),
    [
        ("POST", "/api/articles", '{"article": {"title": "\\ud800", "description": "d", "body": "b"}}', "title"),
        ("PUT", "/api/user", '{"user": {"bio": "a\\udfffb"}}', "bio"),
        ("POST", "/api/users/login", '{"user": {"email": "\\ud800@example.com", "password": "x"}}', "email"),
        ("PUT", "/api/user", '{"user": {"password": "long enough \\ud800"}}', "password"),
    ],
)
def test_a_lone_surrogate_in_json_is_422(client: FlaskClient, method: str, url: str, body: str, field: str) -> None:
    headers = _token(client, "jake")
    response = client.open(url, method=method, data=body, content_type="application/json", headers=headers)
    assert response.status_code == 422, 'JSON can spell half a surrogate pair ("\\ud800"): UTF-8 cannot encode it'
    assert _errors(response) == [f"{field} must not contain lone surrogates"]


@pytest.mark.task(taskno=6)
def test_bio_and_image_are_strings_or_null(client: FlaskClient) -> None:
    headers = _token(client, "jake")
    for field in ("bio", "image"):
        response = client.put("/api/user", json={"user": {field: 5}}, headers=headers)
        assert response.status_code == 422
        assert _errors(response) == [f"{field} must be a string"]
    cleared = client.put("/api/user", json={"user": {"bio": None, "image": None}}, headers=headers).get_json()["user"]
    assert (cleared["bio"], cleared["image"]) == ("", None), "null clears them: bio to '', image to null"


@pytest.mark.task(taskno=6)
def test_only_ascii_whitespace_makes_a_field_blank(client: FlaskClient) -> None:
    headers = _token(client, "jake")
    blank = _write(client, headers, " \t\n\r\f\v")
    assert blank.status_code == 422
    assert _errors(blank) == ["title can't be blank"]
    wide_space = _write(client, headers, "\u3000")
    assert wide_space.status_code == 201, (
        "the OpenAPI document calls a value blank when it is only ASCII whitespace; str.strip() removes more"
    )


@pytest.mark.task(taskno=6)
def test_image_is_at_most_500_characters(client: FlaskClient) -> None:
    headers = _token(client, "jake")
    longest = "https://i.example/" + "a" * (500 - len("https://i.example/"))
    assert client.put("/api/user", json={"user": {"image": longest}}, headers=headers).status_code == 200
    too_long = client.put("/api/user", json={"user": {"image": longest + "a"}}, headers=headers)
    assert too_long.status_code == 422, "users.image is VARCHAR(500): a longer one is a 422, not a database error"
    assert _errors(too_long) == ["image is too long (maximum is 500 characters)"]
    assert client.put("/api/user", json={"user": {"image": None}}, headers=headers).get_json()["user"]["image"] is None


@pytest.mark.task(taskno=6)
@pytest.mark.parametrize("comment_id", [2**31 - 1, 2**31, 10**30])
def test_a_comment_id_past_integer_range_is_404(client: FlaskClient, comment_id: int) -> None:
    headers = _token(client, "jake")
    _write(client, headers, "Hello")
    response = client.delete(f"/api/articles/hello/comments/{comment_id}", headers=headers)
    assert response.status_code == 404, "ids are INTEGER: a bigger number names no comment (and must not reach SQL)"
    assert _errors(response) == [f"comment {comment_id} not found"]


@pytest.mark.task(taskno=6)
@pytest.mark.parametrize("sub", ["2147483648", "99999999999", "0", "-1", "-2147483649"])
def test_a_token_naming_an_impossible_user_id_is_401(app: Flask, client: FlaskClient, sub: str) -> None:
    import time

    import jwt

    token = jwt.encode({"sub": sub, "exp": int(time.time()) + 60}, app.config["SECRET_KEY"], algorithm="HS256")
    response = client.get("/api/user", headers={"Authorization": f"Token {token}"})
    assert response.status_code == 401
    assert _errors(response) == ["invalid or expired token"]


@pytest.mark.task(taskno=6)
def test_a_token_for_the_largest_id_still_works(app: Flask, client: FlaskClient) -> None:
    import time

    import jwt
    from blog.extensions import db
    from blog.models import User

    with app.app_context():
        db.session.add(User(id=2**31 - 1, username="last", email="last@example.com", password_hash="x"))
        db.session.commit()
    token = jwt.encode(
        {"sub": str(2**31 - 1), "exp": int(time.time()) + 60}, app.config["SECRET_KEY"], algorithm="HS256"
    )
    response = client.get("/api/user", headers={"Authorization": f"Token {token}"})
    assert response.status_code == 200, "2**31 - 1 is still an INTEGER id: only larger ones are refused"
    assert response.get_json()["user"]["username"] == "last"


@pytest.mark.task(taskno=6)
@pytest.mark.parametrize("depth", [100_000, 5_000])
def test_json_nested_too_deeply_is_400(client: FlaskClient, depth: int) -> None:
    for body in ("[" * depth + "]" * depth, '{"user": ' * depth + "1" + "}" * depth):
        response = client.post("/api/users", data=body, content_type="application/json")
        assert response.status_code == 400, "Python's JSON parser recurses per level: catch its RecursionError"
        assert _errors(response) == ["the JSON body is nested too deeply"]


@pytest.mark.task(taskno=6)
def test_a_body_over_one_mebibyte_is_413(client: FlaskClient) -> None:
    big = '{"user": {"bio": "' + "x" * (1024 * 1024) + '"}}'
    response = client.post("/api/users", data=big, content_type="application/json")
    assert response.status_code == 413, "MAX_CONTENT_LENGTH (1 MiB) stops a huge body before it is parsed"
    assert len(_errors(response)) == 1
    form = client.post("/auth/register", data={"username": "x" * (1024 * 1024)})
    assert form.status_code == 413
    fits = '{"user": {"bio": "' + "x" * (1024 * 1024 - 100) + '"}}'
    assert client.post("/api/users", data=fits, content_type="application/json").status_code == 422, (
        "a body under 1 MiB is read as usual"
    )


@contextmanager
def _counting_statements(app: Flask) -> Iterator[list[str]]:
    from blog.extensions import db
    from sqlalchemy import event

    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


@pytest.mark.task(taskno=6)
@pytest.mark.timeout(30)
def test_listing_articles_takes_the_same_few_queries_for_two_or_twenty(app: Flask, client: FlaskClient) -> None:
    authors = [_token(client, name) for name in ("jake", "anna", "bob", "carl")]
    reader = _token(client, "reader")
    client.post("/api/profiles/anna/follow", headers=reader)

    def write(n: int) -> None:
        headers = authors[n % len(authors)]
        _write(client, headers, f"Article {n}", [f"tag{n % 3}", "common"])
        client.post(f"/api/articles/article-{n}/favorite", headers=authors[(n + 1) % len(authors)])

    def queries_for_listing() -> list[str]:
        with _counting_statements(app) as statements:
            response = client.get("/api/articles", query_string={"limit": 100}, headers=reader)
        assert response.status_code == 200
        return statements

    for n in range(2):
        write(n)
    few = queries_for_listing()
    for n in range(2, 20):
        write(n)
    many = queries_for_listing()
    assert len(many) == len(few), (
        f"20 articles took {len(many)} statements, 2 took {len(few)}: load tags, favourites, authors and "
        "who follows them for the whole page at once (selectinload), not once per article"
    )
    assert len(many) <= 10, f"{len(many)} statements for one page of articles"


@pytest.mark.task(taskno=6)
@pytest.mark.timeout(30)
def test_comments_take_the_same_few_queries_for_two_or_twenty(app: Flask, client: FlaskClient) -> None:
    headers = [_token(client, name) for name in ("jake", "anna", "bob")]
    _write(client, headers[0], "Talk")

    def comment(n: int) -> None:
        client.post("/api/articles/talk/comments", json={"comment": {"body": f"c{n}"}}, headers=headers[n % 3])

    def queries_for_comments() -> int:
        with _counting_statements(app) as statements:
            assert client.get("/api/articles/talk/comments", headers=headers[0]).status_code == 200
        return len(statements)

    comment(0)
    comment(1)
    few = queries_for_comments()
    for n in range(2, 20):
        comment(n)
    assert queries_for_comments() == few, "load each comment's author (and their followers) for all comments at once"
