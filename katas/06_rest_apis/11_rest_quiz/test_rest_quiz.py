"""Tests for the REST quiz.

Mistakes these tests catch: a title of any length (or none) accepted, a non-boolean `shared`
accepted, a note stored without its owner or under an owner the client chose, no Location or ETag
on 201, 403 (or the note) for a hidden note instead of 404, a shared note hidden from others,
an ETag that ignores part of the note, a PUT without If-Match accepted (428) or a stale one
accepted (412, the lost update), someone else changing a shared note (403), a PUT that keeps the
old `shared`, page parameters that are not checked (422), links that point past the last page or
to a page 0, a list that shows hidden notes, and a view that never asks who is calling (401).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from flask.testing import FlaskClient
from rest_quiz_app import create_app
from werkzeug.test import TestResponse

ANN = {"Authorization": "Bearer t-ann"}
BOB = {"Authorization": "Bearer t-bob"}
CAT = {"Authorization": "Bearer t-cat"}


@pytest.fixture
def client() -> FlaskClient:
    """A test client for an app with no notes; tokens t-ann, t-bob and t-cat log in ann, bob and cat."""
    app = create_app({"t-ann": "ann", "t-bob": "bob", "t-cat": "cat"})
    app.config["TESTING"] = True
    return app.test_client()


def add(client: FlaskClient, who: dict[str, str], title: str, *, shared: bool = False) -> TestResponse:
    response = client.post("/notes/", json={"title": title, "shared": shared}, headers=who)
    assert response.status_code == 201, f"creating {title!r} should answer 201, got {response.status_code}"
    return response


def stored(client: FlaskClient) -> dict[int, dict[str, Any]]:
    notes: dict[int, dict[str, Any]] = client.application.extensions["notes"]
    return notes


@pytest.mark.task(taskno=1)
def test_creating_a_note(client: FlaskClient) -> None:
    response = client.post("/notes/", json={"title": "Buy milk"}, headers=ANN)
    assert response.status_code == 201, f"a valid note is created with 201, got {response.status_code}"
    assert response.get_json() == {"id": 1, "owner": "ann", "title": "Buy milk", "shared": False}, (
        "the body is the stored note: its id, the caller as owner, and shared false when not sent"
    )
    assert urlsplit(response.headers.get("Location", "")).path == "/notes/1", "Location names the new note"
    etag = response.headers.get("ETag", "")
    assert re.fullmatch(r'"[^"]+"', etag), f"a strong ETag is quoted, got {etag!r}"
    assert stored(client)[1]["owner"] == "ann"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    "body",
    [{}, {"title": ""}, {"title": "x" * 81}, {"title": 7}, {"title": "ok", "shared": "maybe"}],
    ids=["no-title", "empty-title", "81-chars", "number-title", "shared-not-a-boolean"],
)
def test_invalid_notes_are_refused_with_422(client: FlaskClient, body: dict[str, Any]) -> None:
    response = client.post("/notes/", json=body, headers=ANN)
    assert response.status_code == 422, f"{body} must be refused with 422, got {response.status_code}"
    assert response.get_json()["errors"]["json"], "the body says which field is wrong"
    assert stored(client) == {}, "a refused note is not stored"


@pytest.mark.task(taskno=1)
def test_titles_up_to_80_characters_and_no_forged_owner(client: FlaskClient) -> None:
    assert client.post("/notes/", json={"title": "x" * 80}, headers=ANN).status_code == 201, "80 characters is fine"
    response = client.post("/notes/", json={"title": "mine", "owner": "bob"}, headers=ANN)
    assert response.status_code == 422 or response.get_json()["owner"] == "ann", (
        "the owner is whoever is logged in, never what the client sends"
    )
    assert all(note["owner"] == "ann" for note in stored(client).values())


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer nope"}], ids=["no-token", "unknown-token"])
def test_creating_needs_a_login(client: FlaskClient, headers: dict[str, str]) -> None:
    response = client.post("/notes/", json={"title": "Buy milk"}, headers=headers)
    assert response.status_code == 401, f"nobody logged in: 401, got {response.status_code}"
    assert response.get_json()["message"] == "log in first", "the 401 comes from current_user()"
    assert stored(client) == {}


@pytest.mark.task(taskno=2)
def test_reading_a_note_you_can_see(client: FlaskClient) -> None:
    created = add(client, ANN, "Diary")
    add(client, ANN, "Recipes", shared=True)
    response = client.get("/notes/1", headers=ANN)
    assert response.status_code == 200, f"ann reads her note, got {response.status_code}"
    assert response.get_json() == created.get_json()
    assert response.headers.get("ETag") == created.headers["ETag"], "the ETag is the one the 201 gave"
    shared = client.get("/notes/2", headers=BOB)
    assert shared.status_code == 200, f"a shared note is visible to everyone logged in, got {shared.status_code}"
    assert shared.headers.get("ETag") != response.headers.get("ETag"), "two different notes have different ETags"
    assert client.get("/notes/1").status_code == 401, "nobody logged in: 401"


@pytest.mark.task(taskno=2)
def test_a_hidden_note_is_not_found(client: FlaskClient) -> None:
    add(client, ANN, "Diary")
    hidden = client.get("/notes/1", headers=BOB)
    missing = client.get("/notes/9", headers=BOB)
    assert hidden.status_code == 404, (
        f"bob must not learn that ann's private note exists: 404, got {hidden.status_code}"
    )
    assert missing.status_code == 404
    assert hidden.get_json()["message"].replace("1", "9") == missing.get_json()["message"], (
        "a hidden note and a missing one answer alike"
    )


@pytest.mark.task(taskno=2)
def test_updating_needs_the_current_etag(client: FlaskClient) -> None:
    etag = add(client, ANN, "Diary", shared=True).headers["ETag"]
    no_etag = client.put("/notes/1", json={"title": "Journal"}, headers=ANN)
    assert no_etag.status_code == 428, f"a PUT without If-Match: 428, got {no_etag.status_code}"
    stale = client.put("/notes/1", json={"title": "Journal"}, headers={**ANN, "If-Match": '"stale"'})
    assert stale.status_code == 412, f"If-Match with an old ETag: 412, got {stale.status_code}"
    assert stored(client)[1]["title"] == "Diary", "a refused PUT changes nothing"
    done = client.put("/notes/1", json={"title": "Journal"}, headers={**ANN, "If-Match": etag})
    assert done.status_code == 200, f"the right ETag: 200, got {done.status_code}"
    assert done.get_json() == {"id": 1, "owner": "ann", "title": "Journal", "shared": False}, (
        "PUT replaces the note: shared is false again when not sent"
    )
    assert done.headers.get("ETag") not in (None, etag), "the new version has a new ETag"
    assert client.get("/notes/1", headers=ANN).headers.get("ETag") == done.headers["ETag"]
    again = client.put("/notes/1", json={"title": "Lost update"}, headers={**ANN, "If-Match": etag})
    assert again.status_code == 412, "the old ETag no longer matches: the second writer must re-read"


@pytest.mark.task(taskno=2)
def test_the_etag_follows_every_field(client: FlaskClient) -> None:
    etag = add(client, ANN, "Diary").headers["ETag"]
    response = client.put("/notes/1", json={"title": "Diary", "shared": True}, headers={**ANN, "If-Match": etag})
    assert response.status_code == 200
    assert response.headers.get("ETag") != etag, "only `shared` changed, but the representation did: new ETag"
    invalid = client.put("/notes/1", json={"title": ""}, headers={**ANN, "If-Match": response.headers["ETag"]})
    assert invalid.status_code == 422, f"a PUT is validated like a POST: 422, got {invalid.status_code}"


@pytest.mark.task(taskno=2)
def test_only_the_owner_changes_a_note(client: FlaskClient) -> None:
    shared = add(client, ANN, "Recipes", shared=True).headers["ETag"]
    private = add(client, ANN, "Diary").headers["ETag"]
    forbidden = client.put("/notes/1", json={"title": "Mine now"}, headers={**BOB, "If-Match": shared})
    assert forbidden.status_code == 403, (
        f"bob sees the shared note but may not change it: 403, got {forbidden.status_code}"
    )
    hidden = client.put("/notes/2", json={"title": "Mine now"}, headers={**BOB, "If-Match": private})
    assert hidden.status_code == 404, f"a note bob cannot see: 404 before 403, got {hidden.status_code}"
    assert [note["title"] for note in stored(client).values()] == ["Recipes", "Diary"]


def links(response: TestResponse) -> dict[str, dict[str, list[str]]]:
    """The Link header as {rel: query parameters}, checking each target is the list."""
    header = response.headers.get("Link", "")
    parts = [re.fullmatch(r'\s*<([^>,]*)>\s*;\s*rel="?(\w+)"?\s*', part) for part in header.split(",")]
    assert all(parts), f'expected a Link header of `<url>; rel="first"` parts split by commas, got {header!r}'
    found = {part[2]: part[1] for part in parts if part}
    assert all(urlsplit(target).path == "/notes/" for target in found.values()), f"links point at /notes/: {header}"
    return {rel: parse_qs(urlsplit(target).query) for rel, target in found.items()}


def page(number: int, per_page: int) -> dict[str, list[str]]:
    return {"page": [str(number)], "per_page": [str(per_page)]}


@pytest.fixture
def six(client: FlaskClient) -> FlaskClient:
    """Notes 1-6: bob owns 2 (shared) and 4 (private), ann all the others."""
    for number in range(1, 7):
        add(client, BOB if number in (2, 4) else ANN, f"note {number}", shared=number == 2)
    return client


@pytest.mark.task(taskno=3)
def test_a_page_of_the_notes_you_can_see(six: FlaskClient) -> None:
    first = six.get("/notes/?per_page=2", headers=ANN)
    assert first.status_code == 200, f"got {first.status_code}"
    assert [note["id"] for note in first.get_json()] == [1, 2], "ann sees her notes and bob's shared one, by id"
    assert links(first) == {"first": page(1, 2), "next": page(2, 2), "last": page(3, 2)}, "page 1 has no prev"
    middle = six.get("/notes/?page=2&per_page=2", headers=ANN)
    assert [note["id"] for note in middle.get_json()] == [3, 5], "bob's private note 4 is not in ann's list"
    assert links(middle) == {"first": page(1, 2), "prev": page(1, 2), "next": page(3, 2), "last": page(3, 2)}
    last = six.get("/notes/?page=3&per_page=2", headers=ANN)
    assert [note["id"] for note in last.get_json()] == [6]
    assert links(last) == {"first": page(1, 2), "prev": page(2, 2), "last": page(3, 2)}, "the last page has no next"


@pytest.mark.task(taskno=3)
def test_defaults_and_the_ends(six: FlaskClient) -> None:
    everything = six.get("/notes/", headers=BOB)
    assert [note["id"] for note in everything.get_json()] == [2, 4], "bob sees his two notes"
    assert links(everything) == {"first": page(1, 10), "last": page(1, 10)}, "page 1 of 10 by default"
    beyond = six.get("/notes/?page=9&per_page=2", headers=ANN)
    assert beyond.status_code == 200, f"a page past the end is not an error, got {beyond.status_code}"
    assert beyond.get_json() == [], "a page past the end is empty"
    assert links(beyond)["prev"] == page(3, 2), "its prev leads back to the last page"
    assert six.get("/notes/").status_code == 401, "nobody logged in: 401"


@pytest.mark.task(taskno=3)
def test_an_empty_list_has_one_page(client: FlaskClient) -> None:
    nothing = client.get("/notes/", headers=CAT)
    assert nothing.status_code == 200, f"got {nothing.status_code}"
    assert nothing.get_json() == [], "no notes yet: an empty list"
    assert links(nothing) == {"first": page(1, 10), "last": page(1, 10)}, "an empty list still has one page"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("query", ["page=0", "page=two", "per_page=0", "per_page=51"])
def test_bad_page_parameters_are_refused_with_422(six: FlaskClient, query: str) -> None:
    response = six.get(f"/notes/?{query}", headers=ANN)
    assert response.status_code == 422, f"?{query} must be refused with 422, got {response.status_code}"
    assert six.get("/notes/?per_page=50", headers=ANN).status_code == 200, "50 a page is allowed"
