"""Tests for the Flask-RESTful port kata: every test asks production's app and your port the same thing.

The legacy app (legacy_api.py) is the contract: each check runs against it first (so you can see that it
holds there) and then against your port. Mistakes these tests catch: a note missing from the body instead
of null (marshmallow leaves out what a row does not have), internal fields leaked, the collection routed at
/bookmarks/ (so /bookmarks redirects), unknown fields refused (marshmallow's default, reqparse ignores them),
"yes", "true" or 1 taken for a boolean, a left-out field keeping its old value on PUT, flask-smorest's 422
and {"errors": ...} left where clients expect 400 and {"message": {...}}, lists of messages instead of one
string per field, the 404 body with "code" and "status" in it, the Allow header dropped from a 405, and an
OpenAPI document that still promises a 422.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flask_restful_port_app
import legacy_api
import pytest
from flask import Flask
from flask.testing import FlaskClient

PRODUCTION = "legacy_api (production)"
PORT = "your port"
FACTORIES: dict[str, Callable[[], Flask]] = {PRODUCTION: legacy_api.create_app, PORT: flask_restful_port_app.create_app}

SEEDED = [
    {"id": 1, "url": "https://peps.python.org/pep-0008/", "title": "PEP 8", "starred": True, "note": None},
    {"id": 2, "url": "https://flask.palletsprojects.com/", "title": "Flask", "starred": False, "note": None},
    {
        "id": 3,
        "url": "https://www.rfc-editor.org/rfc/rfc9110",
        "title": "HTTP Semantics",
        "starred": True,
        "note": "read section 15",
    },
]
NEW = {"url": "https://docs.python.org/3/", "title": "Python docs"}


@pytest.fixture
def apps() -> list[tuple[str, FlaskClient]]:
    """Both apps, each with its own fresh copy of the three seeded bookmarks: production first, then your port."""
    clients = []
    for name, factory in FACTORIES.items():
        app = factory()
        app.config["TESTING"] = True
        clients.append((name, app.test_client()))
    return clients


@pytest.fixture
def port() -> Flask:
    """Your port's app alone, for reading its OpenAPI document (production has none)."""
    return flask_restful_port_app.create_app()


def _body(response: Any) -> Any:
    return response.get_json(silent=True) if response.data else None


@pytest.mark.task(taskno=1)
def test_list_shows_every_field_with_null_for_a_missing_note(apps: list[tuple[str, FlaskClient]]) -> None:
    for name, client in apps:
        response = client.get("/bookmarks")
        assert response.status_code == 200, f"{name}: GET /bookmarks should be 200, got {response.status_code}"
        assert _body(response) == SEEDED, (
            f"{name}: GET /bookmarks lists the bookmarks in id order, every field present: marshal_with writes "
            '"note": null for a row that has no note (dump_default=None), and never shows owner_email'
        )


@pytest.mark.task(taskno=1)
def test_one_bookmark_has_the_same_shape(apps: list[tuple[str, FlaskClient]]) -> None:
    for name, client in apps:
        for expected in SEEDED:
            response = client.get(f"/bookmarks/{expected['id']}")
            assert response.status_code == 200, f"{name}: GET /bookmarks/{expected['id']} should be 200"
            assert _body(response) == expected, f"{name}: GET /bookmarks/{expected['id']}"


@pytest.mark.task(taskno=1)
def test_the_collection_has_no_trailing_slash(apps: list[tuple[str, FlaskClient]]) -> None:
    for name, client in apps:
        assert client.get("/bookmarks").status_code == 200, (
            f'{name}: the collection is at /bookmarks; a route "/bookmarks/" answers /bookmarks with a 308 redirect'
        )
        assert client.get("/bookmarks/").status_code == 404, f"{name}: /bookmarks/ is not a URL of this API"


@pytest.mark.task(taskno=2)
def test_create_answers_201_with_location_and_defaults(apps: list[tuple[str, FlaskClient]]) -> None:
    for name, client in apps:
        response = client.post("/bookmarks", json=NEW)
        assert response.status_code == 201, f"{name}: POST /bookmarks should be 201, got {response.status_code}"
        assert _body(response) == {"id": 4, **NEW, "starred": False, "note": None}, (
            f"{name}: starred defaults to false and a bookmark without a note shows note: null"
        )
        assert response.headers.get("Location") == "/bookmarks/4", f"{name}: Location points at the new bookmark"
        assert _body(client.get("/bookmarks/4")) == _body(response), f"{name}: the new bookmark is stored"


@pytest.mark.task(taskno=2)
def test_create_ignores_unknown_fields_and_the_id(apps: list[tuple[str, FlaskClient]]) -> None:
    sent = {**NEW, "starred": True, "note": None, "id": 99, "colour": "red", "owner_email": "eve@example.org"}
    for name, client in apps:
        response = client.post("/bookmarks", json=sent)
        assert response.status_code == 201, (
            f"{name}: reqparse ignores fields it does not know (and accepts note: null); "
            f"got {response.status_code} {_body(response)}"
        )
        assert _body(response) == {"id": 4, **NEW, "starred": True, "note": None}, f"{name}: the id is the store's"
        stored = client.application.extensions["bookmarks"].rows[4]
        assert stored["owner_email"] == "api@example.org", f"{name}: a client cannot set owner_email"
        assert "colour" not in stored, f"{name}: unknown fields are dropped, not stored"


@pytest.mark.task(taskno=2)
def test_put_replaces_every_field(apps: list[tuple[str, FlaskClient]]) -> None:
    for name, client in apps:
        response = client.put("/bookmarks/3", json=NEW)
        assert response.status_code == 200, f"{name}: PUT /bookmarks/3 should be 200, got {response.status_code}"
        assert _body(response) == {"id": 3, **NEW, "starred": False, "note": None}, (
            f"{name}: PUT replaces the whole bookmark: starred goes back to false and the note is gone"
        )
        assert _body(client.get("/bookmarks/3")) == _body(response), f"{name}: the replacement is stored"


@pytest.mark.task(taskno=2)
def test_delete_answers_204_without_a_body(apps: list[tuple[str, FlaskClient]]) -> None:
    for name, client in apps:
        response = client.delete("/bookmarks/2")
        assert (response.status_code, response.data) == (204, b""), f"{name}: DELETE is 204 with an empty body"
        assert [row["id"] for row in _body(client.get("/bookmarks"))] == [1, 3], f"{name}: bookmark 2 is gone"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(("query", "ids"), [("true", [1, 3]), ("false", [2])])
def test_list_filters_on_starred(apps: list[tuple[str, FlaskClient]], query: str, ids: list[int]) -> None:
    for name, client in apps:
        response = client.get(f"/bookmarks?starred={query}")
        assert response.status_code == 200, f"{name}: ?starred={query} should be 200, got {response.status_code}"
        got = [row["id"] for row in _body(response)]
        assert got == ids, f"{name}: ?starred={query} should list {ids} (false is a filter too), got {got}"


def _bad_input(name: str, response: Any, expected: dict[str, str]) -> None:
    assert response.status_code == 400, (
        f"{name}: bad input is a 400 for Flask-RESTful clients, not flask-smorest's 422 "
        f"(@blp.arguments(..., error_status_code=400)); got {response.status_code}"
    )
    assert _body(response) == {"message": expected}, (
        f"{name}: the body is {{'message': {{field: one message}}}} for every bad field at once"
    )


@pytest.mark.task(taskno=3)
def test_missing_fields_are_400_with_a_message_per_field(apps: list[tuple[str, FlaskClient]]) -> None:
    expected = {"url": "url must be an http(s) address", "title": "title must not be empty"}
    for name, client in apps:
        _bad_input(name, client.post("/bookmarks", json={}), expected)
        _bad_input(name, client.put("/bookmarks/1", json={"note": "no url, no title"}), expected)
        assert _body(client.get("/bookmarks/1")) == SEEDED[0], f"{name}: a refused PUT changes nothing"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        (
            {"url": "ftp://example.org", "title": "", "starred": "yes", "note": 3},
            {
                "url": "url must be an http(s) address",
                "title": "title must not be empty",
                "starred": "starred must be true or false",
                "note": "note must be a string or null",
            },
        ),
        (
            {"url": None, "title": None, "starred": None},
            {
                "url": "url must be an http(s) address",
                "title": "title must not be empty",
                "starred": "starred must be true or false",
            },
        ),
        ({**NEW, "starred": "true"}, {"starred": "starred must be true or false"}),
        ({**NEW, "starred": 1}, {"starred": "starred must be true or false"}),
        ({**NEW, "starred": 0}, {"starred": "starred must be true or false"}),
        ({"url": 42, "title": ["x"]}, {"url": "url must be an http(s) address", "title": "title must not be empty"}),
    ],
    ids=["all-four-wrong", "nulls", "string-true", "one", "zero", "not-strings"],
)
def test_bad_fields_are_400_with_one_message_each(
    apps: list[tuple[str, FlaskClient]], sent: dict[str, Any], expected: dict[str, str]
) -> None:
    for name, client in apps:
        _bad_input(name, client.post("/bookmarks", json=sent), expected)
        assert len(_body(client.get("/bookmarks"))) == 3, f"{name}: a refused POST stores nothing"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("value", ["yes", "1", "True", ""])
def test_a_bad_filter_is_400(apps: list[tuple[str, FlaskClient]], value: str) -> None:
    for name, client in apps:
        _bad_input(name, client.get(f"/bookmarks?starred={value}"), {"starred": "starred must be true or false"})


@pytest.mark.task(taskno=3)
def test_missing_bookmark_is_404_with_just_a_message(apps: list[tuple[str, FlaskClient]]) -> None:
    for name, client in apps:
        for response in (
            client.get("/bookmarks/9"),
            client.put("/bookmarks/9", json=NEW),
            client.delete("/bookmarks/9"),
        ):
            assert response.status_code == 404, f"{name}: bookmark 9 does not exist: 404"
            assert _body(response) == {"message": "bookmark 9 not found"}, (
                f"{name}: Flask-RESTful's abort body is only {{'message': ...}}, without code and status"
            )


@pytest.mark.task(taskno=3)
def test_other_errors_keep_the_message_shape_and_headers(apps: list[tuple[str, FlaskClient]]) -> None:
    for name, client in apps:
        nowhere = client.get("/nowhere")
        assert nowhere.status_code == 404
        assert _body(nowhere) == {
            "message": "The requested URL was not found on the server. If you entered the URL manually please "
            "check your spelling and try again."
        }, f"{name}: an unknown URL is a JSON 404 whose message is the error's description"
        refused = client.delete("/bookmarks")
        assert refused.status_code == 405, f"{name}: DELETE /bookmarks is not allowed"
        assert _body(refused) == {"message": "The method is not allowed for the requested URL."}, f"{name}: 405 body"
        allowed = {method.strip() for method in refused.headers.get("Allow", "").split(",")}
        assert allowed == {"GET", "HEAD", "OPTIONS", "POST"}, (
            f"{name}: a 405 keeps the Allow header the error carries (error.get_headers()), got {allowed}"
        )


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        *_, kind, key = node["$ref"].split("/")
        node = spec["components"][kind][key]
    return node


@pytest.mark.task(taskno=3)
def test_the_openapi_document_tells_the_truth(port: Flask) -> None:
    spec = port.extensions["flask-smorest"]["apis"][""]["ext_obj"].spec.to_dict()
    operations = {(path, method) for path, item in spec["paths"].items() for method in item}
    assert operations >= {
        ("/bookmarks", "get"),
        ("/bookmarks", "post"),
        ("/bookmarks/{bookmark_id}", "get"),
        ("/bookmarks/{bookmark_id}", "put"),
        ("/bookmarks/{bookmark_id}", "delete"),
    }, f"the port documents every operation it serves, found {sorted(operations)}"
    for path, method in [("/bookmarks", "get"), ("/bookmarks", "post"), ("/bookmarks/{bookmark_id}", "put")]:
        responses = spec["paths"][path][method]["responses"]
        assert "422" not in responses, (
            f"{method.upper()} {path} never answers 422: declare error_status_code=400, got {sorted(responses)}"
        )
        assert "400" in responses, f"{method.upper()} {path} answers bad input with 400: document it"
        error = _resolve(spec, _resolve(spec, responses["400"])["content"]["application/json"]["schema"])
        assert set(error.get("properties", {})) == {"message"}, (
            "the documented error body is {'message': ...} (ERROR_SCHEMA), not flask-smorest's code/status/errors; "
            f"got {sorted(error.get('properties', {}))}"
        )
