"""Milestone 5: the RealWorld ("Conduit") JSON API under /api, on the same models as the pages.

Mistakes these tests catch: a token accepted as `Bearer` or unsigned, a token that never expires,
401 answered as 403 (or the reverse), an error body that is not `{"errors": {"body": [...]}}`,
201 forgotten for a new user or article, someone else's article or comment changed (403), a
missing article answered with 500, a slug not rebuilt when the title changes, `favoritesCount`
and `following` wrong from another user's point of view, a feed that shows unfollowed authors,
`articlesCount` counting only the page, `limit` and `offset` ignored, CSRF blocking the API.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

PASSWORD = "correct horse battery"


class Api:
    """Calls the API as one user (or anonymously), with `Authorization: Token <jwt>` once logged in."""

    def __init__(self, client: FlaskClient, token: str | None = None) -> None:
        self.client, self.token = client, token

    def call(self, method: str, url: str, body: Any = None, **kwargs: Any):
        headers = {"Authorization": f"Token {self.token}"} if self.token else {}
        return self.client.open("/api" + url, method=method, json=body, headers=headers, **kwargs)

    def get(self, url: str, **kwargs: Any):
        return self.call("GET", url, **kwargs)

    def post(self, url: str, body: Any = None):
        return self.call("POST", url, body)

    def put(self, url: str, body: Any):
        return self.call("PUT", url, body)

    def delete(self, url: str):
        return self.call("DELETE", url)

    def article(self, title: str = "How to train your dragon", tags: list[str] | None = None) -> dict[str, Any]:
        body = {
            "title": title,
            "description": "Ever wonder how?",
            "body": "You have to *believe*",
            "tagList": tags or [],
        }
        response = self.post("/articles", {"article": body})
        assert response.status_code == 201, response.get_json()
        return dict(response.get_json()["article"])


@pytest.fixture
def anonymous(client: FlaskClient) -> Api:
    return Api(client)


@pytest.fixture
def signup(client: FlaskClient):
    def sign_up(username: str) -> Api:
        user = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
        response = client.post("/api/users", json={"user": user})
        assert response.status_code == 201, f"POST /api/users answers 201 with the new user: {response.get_json()}"
        return Api(client, response.get_json()["user"]["token"])

    return sign_up


def errors_of(response) -> list[str]:
    body = response.get_json()
    assert isinstance(body, dict), f"errors come as JSON: {response.get_data(as_text=True)[:200]!r}"
    assert set(body) == {"errors"}, 'an error body is {"errors": {"body": [...]}}'
    assert isinstance(body["errors"].get("body"), list), 'an error body is {"errors": {"body": [...]}}'
    return list(body["errors"]["body"])


@pytest.mark.task(taskno=5)
def test_register_and_login_return_the_user_with_a_token(client: FlaskClient, anonymous: Api) -> None:
    import jwt

    new = {"username": "jake", "email": "Jake@Example.com", "password": PASSWORD}
    response = anonymous.post("/users", {"user": new})
    assert response.status_code == 201
    user = response.get_json()["user"]
    assert {k: user[k] for k in ("username", "email", "bio", "image")} == {
        "username": "jake",
        "email": "jake@example.com",
        "bio": "",
        "image": None,
    }, "emails are stored in lower case; bio starts '' and image null"
    claims = jwt.decode(user["token"], options={"verify_signature": False})
    assert {"sub", "exp"} <= claims.keys(), "the JWT names its user (`sub`) and expires (`exp`)"
    login = anonymous.post("/users/login", {"user": {"email": "jake@example.com", "password": PASSWORD}})
    assert login.status_code == 200
    assert login.get_json()["user"]["username"] == "jake"
    assert "password" not in login.get_json()["user"]
    assert "password_hash" not in login.get_json()["user"]


@pytest.mark.task(taskno=5)
@pytest.mark.parametrize(
    ("user", "message"),
    [
        ({"email": "a@example.com", "password": PASSWORD}, "username can't be blank"),
        ({"username": "  ", "email": "a@example.com", "password": PASSWORD}, "username can't be blank"),
        ({"username": "jake", "email": "nope", "password": PASSWORD}, "email is invalid"),
        ({"username": "jake", "email": "a@example.com", "password": "short"}, "password is too short"),
        ({"username": "taken", "email": "a@example.com", "password": PASSWORD}, "username has already been taken"),
        ({"username": "jake", "email": "taken@example.com", "password": PASSWORD}, "email has already been taken"),
    ],
)
def test_register_rejects_bad_users_with_422(signup, anonymous: Api, user: dict[str, str], message: str) -> None:
    signup("taken")
    response = anonymous.post("/users", {"user": user})
    assert response.status_code == 422
    assert any(error.startswith(message) for error in errors_of(response)), f"expected an error starting {message!r}"


@pytest.mark.task(taskno=5)
@pytest.mark.parametrize("body", [None, [], {"user": "jake"}, {"person": {}}])
def test_a_malformed_body_is_422(anonymous: Api, body: Any) -> None:
    response = anonymous.post("/users", body)
    assert response.status_code == 422
    assert errors_of(response) == ["user must be a JSON object"]


@pytest.mark.task(taskno=5)
@pytest.mark.parametrize(
    ("email", "password"), [("jake@example.com", "wrong password"), ("nobody@example.com", PASSWORD)]
)
def test_login_with_wrong_credentials_is_401(signup, anonymous: Api, email: str, password: str) -> None:
    signup("jake")
    response = anonymous.post("/users/login", {"user": {"email": email, "password": password}})
    assert response.status_code == 401
    assert errors_of(response) == ["email or password is invalid"]


@pytest.mark.task(taskno=5)
def test_token_authentication(app: Flask, client: FlaskClient, signup) -> None:
    import jwt

    jake = signup("jake")
    assert jake.get("/user").get_json()["user"]["username"] == "jake"
    no_token = client.get("/api/user")
    assert no_token.status_code == 401, "no token: 401"
    assert errors_of(no_token)
    assert client.get("/api/user", headers={"Authorization": f"Bearer {jake.token}"}).status_code == 401, (
        "the scheme is `Token`, not `Bearer`"
    )
    forged = jwt.encode({"sub": "1", "exp": datetime.now(UTC) + timedelta(hours=1)}, "x" * 32, algorithm="HS256")
    expired = jwt.encode(
        {"sub": "1", "exp": datetime.now(UTC) - timedelta(seconds=5)}, app.config["SECRET_KEY"], algorithm="HS256"
    )
    for token, why in [(forged, "signed with another key"), (expired, "expired"), ("garbage", "not a JWT")]:
        response = client.get("/api/user", headers={"Authorization": f"Token {token}"})
        assert response.status_code == 401, f"a token {why} is refused with 401"


@pytest.mark.task(taskno=5)
def test_update_the_current_user(signup, anonymous: Api) -> None:
    jake = signup("jake")
    signup("other")
    response = jake.put("/user", {"user": {"bio": "I like to skateboard", "image": "https://i.example/j.png"}})
    assert response.status_code == 200
    assert response.get_json()["user"]["bio"] == "I like to skateboard"
    assert jake.put("/user", {"user": {"password": "a new password"}}).status_code == 200
    login = anonymous.post("/users/login", {"user": {"email": "jake@example.com", "password": "a new password"}})
    assert login.status_code == 200, "the new password works"
    taken = jake.put("/user", {"user": {"username": "other"}})
    assert taken.status_code == 422
    assert errors_of(taken) == ["username has already been taken"]
    assert jake.put("/user", {"user": {}}).status_code == 422, "send at least one field"


@pytest.mark.task(taskno=5)
def test_profiles_and_following(signup, anonymous: Api) -> None:
    jake, celeb = signup("jake"), signup("celeb")
    assert anonymous.get("/profiles/celeb").get_json() == {
        "profile": {"username": "celeb", "bio": "", "image": None, "following": False}
    }
    assert jake.post("/profiles/celeb/follow").get_json()["profile"]["following"] is True
    assert jake.post("/profiles/celeb/follow").status_code == 200, "following twice is fine"
    assert jake.get("/profiles/celeb").get_json()["profile"]["following"] is True
    assert celeb.get("/profiles/jake").get_json()["profile"]["following"] is False, "following is one-way"
    assert jake.delete("/profiles/celeb/follow").get_json()["profile"]["following"] is False
    assert jake.post("/profiles/jake/follow").status_code == 422, "you cannot follow yourself"
    assert anonymous.post("/profiles/celeb/follow").status_code == 401
    missing = anonymous.get("/profiles/nobody")
    assert missing.status_code == 404
    assert errors_of(missing)


@pytest.mark.task(taskno=5)
def test_create_and_get_an_article(signup, anonymous: Api) -> None:
    jake = signup("jake")
    article = jake.article("How to train your dragon", tags=["training", "Dragons", "dragons"])
    assert article["slug"] == "how-to-train-your-dragon"
    assert article["tagList"] == ["dragons", "training"], "tags are lower-cased, unique, sorted"
    assert article["favorited"] is False
    assert article["favoritesCount"] == 0
    assert article["author"] == {"username": "jake", "bio": "", "image": None, "following": False}
    created = datetime.fromisoformat(article["createdAt"].replace("Z", "+00:00"))
    assert abs(datetime.now(UTC) - created) < timedelta(minutes=5), "createdAt is an ISO 8601 time in UTC"
    fetched = anonymous.get("/articles/how-to-train-your-dragon")
    assert fetched.status_code == 200
    assert fetched.get_json()["article"]["body"] == "You have to *believe*"
    assert jake.article("How to train your dragon")["slug"] == "how-to-train-your-dragon-2", "slugs stay unique"
    assert anonymous.get("/articles/nope").status_code == 404
    assert anonymous.post("/articles", {"article": {"title": "t", "description": "d", "body": "b"}}).status_code == 401
    blank = jake.post("/articles", {"article": {"title": "", "description": "d", "body": "b"}})
    assert blank.status_code == 422
    assert errors_of(blank) == ["title can't be blank"]


@pytest.mark.task(taskno=5)
def test_only_the_author_updates_or_deletes_an_article(signup, anonymous: Api) -> None:
    jake, mallory = signup("jake"), signup("mallory")
    jake.article("Old title")
    assert mallory.put("/articles/old-title", {"article": {"title": "Pwned"}}).status_code == 403
    assert mallory.delete("/articles/old-title").status_code == 403
    updated = jake.put("/articles/old-title", {"article": {"title": "New title", "body": "Changed"}})
    assert updated.status_code == 200
    assert updated.get_json()["article"]["slug"] == "new-title", "a new title makes a new slug"
    assert updated.get_json()["article"]["description"] == "Ever wonder how?", "fields not sent stay as they were"
    blank = jake.put("/articles/new-title", {"article": {"title": ""}})
    assert blank.status_code == 422, (
        "an update may leave a field out, but a title sent empty is blank, not absent: 422 (test `is None`, not "
        f"truthiness); got {blank.status_code}"
    )
    assert errors_of(blank) == ["title can't be blank"]
    assert anonymous.get("/articles/old-title").status_code == 404
    assert jake.delete("/articles/new-title").status_code == 200
    assert anonymous.get("/articles/new-title").status_code == 404
    assert jake.delete("/articles/new-title").status_code == 404


@pytest.mark.task(taskno=5)
def test_list_articles_filters_pages_and_counts(signup, anonymous: Api) -> None:
    jake, anna = signup("jake"), signup("anna")
    for n in range(1, 5):
        jake.article(f"Jake {n}", tags=["dragons"] if n % 2 else [])
    anna.article("Anna 1", tags=["dragons"])
    anna.post("/articles/jake-1/favorite")
    everything = anonymous.get("/articles").get_json()
    assert everything["articlesCount"] == 5
    assert [a["title"] for a in everything["articles"]] == ["Anna 1", "Jake 4", "Jake 3", "Jake 2", "Jake 1"]
    page = anonymous.get("/articles", query_string={"limit": 2, "offset": 1}).get_json()
    assert [a["title"] for a in page["articles"]] == ["Jake 4", "Jake 3"]
    assert page["articlesCount"] == 5, "articlesCount counts every match, not just this page"
    by_tag = anonymous.get("/articles", query_string={"tag": "dragons"}).get_json()
    assert [a["title"] for a in by_tag["articles"]] == ["Anna 1", "Jake 3", "Jake 1"]
    by_author = anonymous.get("/articles", query_string={"author": "anna"}).get_json()
    assert [a["title"] for a in by_author["articles"]] == ["Anna 1"]
    favourites = anonymous.get("/articles", query_string={"favorited": "anna"}).get_json()
    assert [a["title"] for a in favourites["articles"]] == ["Jake 1"]
    assert anonymous.get("/articles", query_string={"limit": "lots"}).status_code == 422


@pytest.mark.task(taskno=5)
def test_feed_shows_followed_authors_only(signup, anonymous: Api) -> None:
    jake, anna, bob = signup("jake"), signup("anna"), signup("bob")
    anna.article("By Anna")
    bob.article("By Bob")
    jake.post("/profiles/anna/follow")
    feed = jake.get("/articles/feed").get_json()
    assert [a["title"] for a in feed["articles"]] == ["By Anna"]
    assert feed["articlesCount"] == 1
    assert feed["articles"][0]["author"]["following"] is True
    assert anonymous.get("/articles/feed").status_code == 401


@pytest.mark.task(taskno=5)
def test_favourites_count_once_per_user(signup, anonymous: Api) -> None:
    jake, anna, bob = signup("jake"), signup("anna"), signup("bob")
    jake.article("Popular")
    anna.post("/articles/popular/favorite")
    second = anna.post("/articles/popular/favorite").get_json()["article"]
    assert (second["favorited"], second["favoritesCount"]) == (True, 1), "favouriting twice counts once"
    assert bob.post("/articles/popular/favorite").get_json()["article"]["favoritesCount"] == 2
    seen_by_jake = jake.get("/articles/popular").get_json()["article"]
    assert (seen_by_jake["favorited"], seen_by_jake["favoritesCount"]) == (False, 2), "favorited is per viewer"
    after = anna.delete("/articles/popular/favorite").get_json()["article"]
    assert (after["favorited"], after["favoritesCount"]) == (False, 1)
    assert anonymous.post("/articles/popular/favorite").status_code == 401
    assert anna.post("/articles/nope/favorite").status_code == 404


@pytest.mark.task(taskno=5)
def test_comments(signup, anonymous: Api) -> None:
    jake, anna = signup("jake"), signup("anna")
    jake.article("Talk")
    response = anna.post("/articles/talk/comments", {"comment": {"body": "First!"}})
    assert response.status_code == 200
    comment = response.get_json()["comment"]
    assert comment["body"] == "First!"
    assert comment["author"]["username"] == "anna"
    assert isinstance(comment["id"], int)
    jake.post("/articles/talk/comments", {"comment": {"body": "Thanks"}})
    listed = anonymous.get("/articles/talk/comments").get_json()["comments"]
    assert [c["body"] for c in listed] == ["First!", "Thanks"], "comments oldest first"
    assert jake.delete(f"/articles/talk/comments/{comment['id']}").status_code == 403, "only the comment's author"
    assert anna.delete(f"/articles/talk/comments/{comment['id']}").status_code == 200
    assert anna.delete(f"/articles/talk/comments/{comment['id']}").status_code == 404
    assert anna.post("/articles/talk/comments", {"comment": {"body": " "}}).status_code == 422
    assert anonymous.post("/articles/talk/comments", {"comment": {"body": "hi"}}).status_code == 401
    assert anonymous.get("/articles/nope/comments").status_code == 404


@pytest.mark.task(taskno=5)
def test_tags_lists_the_tags_in_use(signup, anonymous: Api) -> None:
    assert anonymous.get("/tags").get_json() == {"tags": []}
    jake = signup("jake")
    jake.article("One", tags=["python", "flask"])
    jake.article("Two", tags=["flask"])
    assert anonymous.get("/tags").get_json() == {"tags": ["flask", "python"]}


@pytest.mark.task(taskno=5)
def test_api_posts_show_on_the_html_pages_and_csrf_does_not_block_the_api(make_app) -> None:
    from blog.extensions import db

    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        db.create_all()
    client = app.test_client()
    user = {"username": "jake", "email": "jake@example.com", "password": PASSWORD}
    response = client.post("/api/users", json={"user": user})
    assert response.status_code == 201, "the API uses tokens, not cookies: exempt it from CSRF"
    Api(client, response.get_json()["user"]["token"]).article("Shared models")
    assert "Shared models" in client.get("/").get_data(as_text=True), "API articles are the blog's posts"


ARTICLE_KEYS = {
    "slug",
    "title",
    "description",
    "body",
    "tagList",
    "createdAt",
    "updatedAt",
    "favorited",
    "favoritesCount",
    "author",
}
TIMESTAMP = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"


@pytest.mark.task(taskno=5)
def test_objects_have_exactly_the_spec_fields(signup) -> None:
    import re

    jake, anna = signup("jake"), signup("anna")
    article = jake.article("Shapes")
    assert set(article) == ARTICLE_KEYS
    assert re.match(TIMESTAMP, article["createdAt"]), f"ISO 8601 in UTC with milliseconds and Z: {article['createdAt']}"
    assert re.match(TIMESTAMP, article["updatedAt"])
    anna.post("/profiles/jake/follow")
    comment = jake.post("/articles/shapes/comments", {"comment": {"body": "hi"}}).get_json()["comment"]
    assert set(comment) == {"id", "createdAt", "updatedAt", "body", "author"}
    assert re.match(TIMESTAMP, comment["createdAt"])
    assert re.match(TIMESTAMP, comment["updatedAt"])
    [seen_by_anna] = anna.get("/articles/shapes/comments").get_json()["comments"]
    assert seen_by_anna["author"] == {"username": "jake", "bio": "", "image": None, "following": True}, (
        "a comment's author is a profile as the asking user sees it"
    )


@pytest.mark.task(taskno=5)
def test_timestamps_treat_naive_datetimes_as_utc_whatever_the_machines_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from blog.api.core import timestamp

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        naive = datetime(2024, 1, 2, 3, 4, 5, 678901)
        assert timestamp(naive) == "2024-01-02T03:04:05.678Z", "SQLite hands back naive datetimes: they are UTC"
        new_york = datetime(2024, 1, 1, 22, 4, 5, tzinfo=timezone(timedelta(hours=-5)))
        assert timestamp(new_york) == "2024-01-02T03:04:05.000Z", "an aware datetime is converted to UTC first"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


@pytest.mark.task(taskno=5)
def test_token_claims(app: Flask, signup) -> None:
    import jwt

    jake = signup("jake")
    claims = jwt.decode(jake.token, app.config["SECRET_KEY"], algorithms=["HS256"])
    assert claims["sub"] == "1", "sub is the user's id, as a string"
    assert claims["exp"] - claims["iat"] == 336 * 3600, "tokens last API_TOKEN_HOURS (336 by default)"


@pytest.mark.task(taskno=5)
def test_token_errors_say_what_is_wrong(app: Flask, client: FlaskClient, signup) -> None:
    import jwt
    from blog.extensions import db
    from blog.models import User

    jake = signup("jake")
    key = app.config["SECRET_KEY"]
    assert errors_of(client.get("/api/user")) == ["authorization required: send 'Authorization: Token <jwt>'"]
    bearer = client.get("/api/user", headers={"Authorization": f"Bearer {jake.token}"})
    assert errors_of(bearer) == ["use the header 'Authorization: Token <jwt>'"]
    assert bearer.headers.get("WWW-Authenticate") == "Token", "a 401 names the scheme it wants"
    no_exp = jwt.encode({"sub": "1"}, key, algorithm="HS256")
    no_sub = jwt.encode({"exp": datetime.now(UTC) + timedelta(hours=1)}, key, algorithm="HS256")
    for token in (no_exp, no_sub, "garbage"):
        response = client.get("/api/user", headers={"Authorization": f"Token {token}"})
        assert response.status_code == 401, "a token must have both `exp` and `sub`"
        assert errors_of(response) == ["invalid or expired token"]
    with app.app_context():
        db.session.delete(db.session.get(User, 1))
        db.session.commit()
    gone = jake.get("/user")
    assert gone.status_code == 401, "the token of a deleted user is no good"
    assert errors_of(gone) == ["invalid or expired token"]


@pytest.mark.task(taskno=5)
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"limit": "lots"}, "limit must be an integer"),
        ({"limit": 0}, "limit must be between 1 and 100"),
        ({"limit": 101}, "limit must be between 1 and 100"),
        ({"offset": -1}, "offset must be between 0 and 1000000000"),
    ],
)
def test_paging_parameters_are_checked(anonymous: Api, query: dict[str, Any], message: str) -> None:
    response = anonymous.get("/articles", query_string=query)
    assert response.status_code == 422
    assert errors_of(response) == [message]


@pytest.mark.task(taskno=5)
def test_paging_defaults_and_bounds(signup, anonymous: Api) -> None:
    jake = signup("jake")
    for n in range(21):
        jake.article(f"Post {n}")
    assert len(anonymous.get("/articles").get_json()["articles"]) == 20, "limit defaults to 20"
    assert len(anonymous.get("/articles", query_string={"limit": 100}).get_json()["articles"]) == 21
    first = anonymous.get("/articles", query_string={"limit": 1, "offset": 0})
    assert first.status_code == 200, (
        f"offset=0 is the first page (offsets count from 0, up to 1000000000): got {first.status_code} {first.get_json()}"
    )
    assert [a["title"] for a in first.get_json()["articles"]] == ["Post 20"]
    empty = anonymous.get("/articles", query_string={"tag": "nothing"}).get_json()
    assert empty == {"articles": [], "articlesCount": 0}


@pytest.mark.task(taskno=5)
def test_newest_first_means_created_at_then_id(app: Flask, signup, anonymous: Api) -> None:
    from blog.extensions import db
    from blog.models import Post, User

    signup("jake")
    moment = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    with app.app_context():
        jake = db.session.get(User, 1)
        db.session.add_all(
            [
                Post(slug="late", title="late", body="b", author=jake, created_at=moment + timedelta(days=1)),
                Post(slug="tie-a", title="tie-a", body="b", author=jake, created_at=moment),
                Post(slug="tie-b", title="tie-b", body="b", author=jake, created_at=moment),
            ]
        )
        db.session.commit()
    listed = [a["slug"] for a in anonymous.get("/articles").get_json()["articles"]]
    assert listed == ["late", "tie-b", "tie-a"], "newest created_at first; equal times: the higher id first"


@pytest.mark.task(taskno=5)
def test_more_validation_messages(signup, anonymous: Api) -> None:
    jake = signup("jake")
    bad_name = anonymous.post("/users", {"user": {"username": "al", "email": "al@example.com", "password": PASSWORD}})
    assert errors_of(bad_name) == ["username must be 3 to 40 letters, digits, '_' or '-'"]
    eight = anonymous.post("/users", {"user": {"username": "eight", "email": "e@example.com", "password": "12345678"}})
    assert eight.status_code == 201, "a password of exactly 8 characters is long enough"
    longest = "a" * (254 - len("@example.com")) + "@example.com"
    assert jake.put("/user", {"user": {"email": longest}}).status_code == 200, "254 characters is a valid email"
    assert errors_of(jake.put("/user", {"user": {"email": "a" + longest}})) == ["email is invalid"]
    renamed = jake.put("/user", {"user": {"username": "jacob"}})
    assert renamed.get_json()["user"]["username"] == "jacob", "a free username can be taken"
    article = {"description": "d", "body": "b"}
    assert jake.post("/articles", {"article": article | {"title": "t" * 200}}).status_code == 201
    too_long = jake.post("/articles", {"article": article | {"title": "t" * 201}})
    assert errors_of(too_long) == ["title is too long (maximum is 200 characters)"]
    for tags in ("dragons", [1, 2]):
        response = jake.post("/articles", {"article": {"title": "t", "description": "d", "body": "b", "tagList": tags}})
        assert response.status_code == 422
        assert errors_of(response) == ["tagList must be a list of strings"]


@pytest.mark.task(taskno=5)
def test_not_found_and_forbidden_messages(signup, anonymous: Api) -> None:
    jake, anna = signup("jake"), signup("anna")
    jake.article("Mine")
    assert errors_of(anonymous.get("/profiles/nobody")) == ["profile nobody not found"]
    assert errors_of(anonymous.get("/articles/nope")) == ["No post called 'nope'."]
    assert errors_of(anna.delete("/articles/mine")) == ["Only the author can change this post."]
    comment = jake.post("/articles/mine/comments", {"comment": {"body": "hi"}}).get_json()["comment"]
    assert errors_of(anna.delete(f"/articles/mine/comments/{comment['id']}")) == [
        "only its author can delete a comment"
    ]
    assert errors_of(jake.delete("/articles/mine/comments/999")) == ["comment 999 not found"]


@pytest.mark.task(taskno=5)
def test_unrouted_api_urls_answer_in_the_error_shape(client: FlaskClient) -> None:
    missing = client.get("/api/nope")
    assert missing.status_code == 404
    assert errors_of(missing), "a URL under /api that no route matches: 404 in the API's error shape"
    wrong_method = client.patch("/api/tags")
    assert wrong_method.status_code == 405
    assert errors_of(wrong_method), "a method the route does not take: 405 in the API's error shape"
    allow = {method.strip() for method in wrong_method.headers.get("Allow", "").split(",")}
    assert "GET" in allow, "a 405 says which methods the URL takes (Allow: GET, HEAD, OPTIONS)"
    assert wrong_method.headers["Content-Type"] == "application/json"
    page = client.get("/nope")
    assert page.status_code == 404
    assert page.mimetype == "text/html", "outside /api a missing page stays an HTML page"
