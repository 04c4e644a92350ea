"""Tests for the conditional-requests kata.

Mistakes these tests catch: an unquoted ETag, an ETag from `hash()` (differs
between runs) or from `str(dict)` (depends on key order), one that stays the
same when the text changes; no ETag on GET; 304 with a body or without its
ETag; If-None-Match compared as a plain string (so a list of tags, `*` or a
weak `W/` tag never matches); PUT that ignores If-Match (the lost update), that
answers 412 instead of 428 when If-Match is missing, that accepts a weak tag for
If-Match (it needs the strong comparison), that forgets to send the new ETag,
or that checks the precondition after writing.
"""

from __future__ import annotations

import builtins

import pytest
from conditional_requests import etag_for
from conditional_requests_app import create_app
from flask.testing import FlaskClient
from hypothesis import given
from hypothesis import strategies as st


@pytest.fixture
def client() -> FlaskClient:
    """A test client for an app holding note 1, "buy milk"."""
    app = create_app({1: "buy milk"})
    app.config["TESTING"] = True
    return app.test_client()


def _etag(client: FlaskClient) -> str:
    response = client.get("/notes/1")
    etag = response.headers.get("ETag")
    assert etag, "GET must send an ETag header"
    return etag


@pytest.mark.task(taskno=1)
def test_etag_is_a_quoted_string() -> None:
    etag = etag_for({"id": 1, "text": "buy milk"})
    assert etag.startswith('"'), f"an ETag is a quoted string, like '\"3f2a...\"', got {etag!r}"
    assert etag.endswith('"'), f"an ETag is a quoted string, got {etag!r}"
    assert len(etag) > 2
    assert '"' not in etag[1:-1]


@pytest.mark.task(taskno=1)
def test_etag_ignores_key_order() -> None:
    assert etag_for({"id": 1, "text": "a"}) == etag_for({"text": "a", "id": 1}), (
        "the same representation must give the same ETag, whatever the key order"
    )


@pytest.mark.task(taskno=1)
def test_etag_is_the_same_in_every_process(monkeypatch: pytest.MonkeyPatch) -> None:
    here = etag_for({"id": 1, "text": "buy milk"})
    # Imitate another server process: hash() is salted differently there, and objects live elsewhere.
    real_hash, real_id = builtins.hash, builtins.id
    monkeypatch.setattr(builtins, "hash", lambda obj: real_hash(("another process", obj)))
    monkeypatch.setattr(builtins, "id", lambda obj: real_id(obj) + 16)
    there = etag_for({"id": 1, "text": "buy milk"})
    assert here == there, (
        "every server process must give the same ETag: hash() and id() change between processes, "
        "a digest of the JSON (hashlib) does not"
    )


@pytest.mark.task(taskno=1)
@given(st.text(), st.text())
def test_etag_changes_when_content_changes(first: str, second: str) -> None:
    if first != second:
        assert etag_for({"id": 1, "text": first}) != etag_for({"id": 1, "text": second}), (
            f"different texts {first!r} and {second!r} gave the same ETag"
        )


@pytest.mark.task(taskno=2)
def test_get_sends_the_note_and_its_etag(client: FlaskClient) -> None:
    response = client.get("/notes/1")
    assert response.status_code == 200
    assert response.get_json() == {"id": 1, "text": "buy milk"}
    assert response.headers.get("ETag") == etag_for({"id": 1, "text": "buy milk"}), "ETag must be etag_for(note)"


@pytest.mark.task(taskno=2)
def test_get_unknown_note_is_404(client: FlaskClient) -> None:
    response = client.get("/notes/2")
    assert response.status_code == 404
    assert b"note 2 not found" in response.data, "use the given _note_or_404"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("form", ["exact", "weak", "in-a-list", "star"])
def test_get_answers_304_when_the_client_has_it(client: FlaskClient, form: str) -> None:
    etag = _etag(client)
    header = {"exact": etag, "weak": f"W/{etag}", "in-a-list": f'"other", {etag}', "star": "*"}[form]
    response = client.get("/notes/1", headers={"If-None-Match": header})
    assert response.status_code == 304, f"If-None-Match: {header} names the current version: 304 Not Modified"
    assert response.data == b"", "304 has no body: the client already has it"
    assert response.headers.get("ETag") == etag, "304 still sends the ETag"


@pytest.mark.task(taskno=2)
def test_get_answers_200_for_a_stale_tag(client: FlaskClient) -> None:
    response = client.get("/notes/1", headers={"If-None-Match": '"stale"'})
    assert response.status_code == 200, "a tag that does not match means the client needs the new body"


@pytest.mark.task(taskno=3)
def test_put_with_the_current_etag_updates(client: FlaskClient) -> None:
    response = client.put("/notes/1", json={"text": "buy oat milk"}, headers={"If-Match": _etag(client)})
    assert response.status_code == 200
    assert response.get_json() == {"id": 1, "text": "buy oat milk"}
    assert response.headers.get("ETag") == etag_for({"id": 1, "text": "buy oat milk"}), "send the new ETag"


@pytest.mark.task(taskno=3)
def test_put_without_if_match_is_428(client: FlaskClient) -> None:
    response = client.put("/notes/1", json={"text": "x"})
    assert response.status_code == 428, "no If-Match at all: 428 Precondition Required"
    assert client.get("/notes/1").get_json()["text"] == "buy milk", "nothing may change"


@pytest.mark.task(taskno=3)
def test_second_writer_gets_412_not_a_lost_update(client: FlaskClient) -> None:
    seen = _etag(client)
    alice = client.put("/notes/1", json={"text": "alice"}, headers={"If-Match": seen})
    bob = client.put("/notes/1", json={"text": "bob"}, headers={"If-Match": seen})
    assert alice.status_code == 200
    assert bob.status_code == 412, "Bob read the old version: 412 Precondition Failed, not a silent overwrite"
    assert client.get("/notes/1").get_json()["text"] == "alice", "Alice's write must survive"


@pytest.mark.task(taskno=3)
def test_put_rejects_a_weak_tag(client: FlaskClient) -> None:
    response = client.put("/notes/1", json={"text": "x"}, headers={"If-Match": f"W/{_etag(client)}"})
    assert response.status_code == 412, "If-Match uses the strong comparison: a weak tag never matches"


@pytest.mark.task(taskno=3)
def test_put_to_unknown_note_is_404(client: FlaskClient) -> None:
    assert client.put("/notes/9", json={"text": "x"}, headers={"If-Match": "*"}).status_code == 404


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("body", [{"title": "x"}, {"text": 7}, ["x"]], ids=["no-text", "text-number", "list"])
def test_put_with_a_bad_body_is_400(client: FlaskClient, body: object) -> None:
    response = client.put("/notes/1", json=body, headers={"If-Match": _etag(client)})
    assert response.status_code == 400, f"the precondition holds but the body {body!r} is bad: 400"
    assert client.get("/notes/1").get_json()["text"] == "buy milk", "nothing may change"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("path", "headers", "body", "expected"),
    [
        ("/notes/9", {}, {"text": "x"}, 404),
        ("/notes/9", {"If-Match": '"stale"'}, ["bad"], 404),
        ("/notes/1", {}, ["bad"], 428),
        ("/notes/1", {"If-Match": '"stale"'}, ["bad"], 412),
    ],
    ids=["404-before-428", "404-before-412", "428-before-400", "412-before-400"],
)
def test_put_checks_in_order(
    client: FlaskClient, path: str, headers: dict[str, str], body: object, expected: int
) -> None:
    response = client.put(path, json=body, headers=headers)
    assert response.status_code == expected, (
        f"PUT {path} with headers {headers} and body {body!r}: the checks go 404, 428, 412, 400 and the first "
        f"that fails decides, so this is {expected}, got {response.status_code}"
    )
