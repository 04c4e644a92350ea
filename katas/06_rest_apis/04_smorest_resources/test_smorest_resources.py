"""Tests for the flask-smorest resource-classes kata.

Mistakes these tests catch: routes missing or on the wrong URL, POST answering
200 instead of 201, no Location header, defaults (priority 3, done false) not
applied because the body was read with `request.json` instead of
`@blp.arguments`, unknown or missing fields accepted (no schema on the way in),
the `?done=` filter ignored or read as a string ("false" is truthy), the list in
insertion order, PUT merging instead of replacing, 404 without a message,
DELETE answering 200 with a body, and endpoints that work but are undocumented
because the data was not declared with `@blp.arguments` / `@blp.response`.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from smorest_resources_app import create_app


@pytest.fixture
def app() -> Flask:
    """A fresh app with an empty ticket store, in testing mode."""
    app = create_app()
    app.config["TESTING"] = True
    return app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the app."""
    return app.test_client()


def _create(client: FlaskClient, **fields: Any) -> Any:
    response = client.post("/tickets/", json={"title": "Printer on fire", **fields})
    assert response.status_code == 201, f"POST /tickets/ should be 201, got {response.status_code}: {response.data!r}"
    return response.get_json()


def _operation(app: Flask, path: str, method: str) -> dict[str, Any]:
    paths = app.extensions["flask-smorest"]["apis"][""]["ext_obj"].spec.to_dict()["paths"]
    assert path in paths, f"{path} is not in the OpenAPI document: is the class routed on the blueprint?"
    assert method in paths[path], f"{method.upper()} {path} is not documented"
    operation: dict[str, Any] = paths[path][method]
    return operation


@pytest.mark.task(taskno=1)
def test_list_starts_empty(client: FlaskClient) -> None:
    response = client.get("/tickets/")
    assert response.status_code == 200, "GET /tickets/ needs a `get` method on the collection resource"
    assert response.get_json() == []


@pytest.mark.task(taskno=1)
def test_list_filters_on_done(client: FlaskClient) -> None:
    _create(client, title="a", done=True)
    _create(client, title="b")
    _create(client, title="c", done=True)
    done = [ticket["title"] for ticket in client.get("/tickets/?done=true").get_json()]
    open_ = [ticket["title"] for ticket in client.get("/tickets/?done=false").get_json()]
    everything = [ticket["title"] for ticket in client.get("/tickets/").get_json()]
    assert done == ["a", "c"], f"?done=true should give a and c, got {done}"
    assert open_ == ["b"], f"?done=false should give b, got {open_} (the string 'false' is truthy: parse it)"
    assert everything == ["a", "b", "c"], "without ?done= list everything, in id order"


@pytest.mark.task(taskno=1)
def test_list_rejects_a_bad_filter_with_422(client: FlaskClient) -> None:
    response = client.get("/tickets/?done=maybe")
    assert response.status_code == 422, "declare the query with @blp.arguments(TicketQuerySchema, location='query')"
    assert "done" in response.get_json()["errors"]["query"]


@pytest.mark.task(taskno=1)
def test_list_is_documented(app: Flask) -> None:
    operation = _operation(app, "/tickets/", "get")
    assert "200" in operation["responses"], "use @blp.response(200, TicketSchema(many=True))"
    names = [parameter["name"] for parameter in operation.get("parameters", [])]
    assert "done" in names, "the ?done= query parameter should appear in the spec"


@pytest.mark.task(taskno=2)
def test_create_answers_201_with_defaults_and_location(client: FlaskClient) -> None:
    response = client.post("/tickets/", json={"title": "Printer on fire"})
    assert response.status_code == 201, "creating is 201 Created: @blp.response(201, TicketSchema)"
    assert response.get_json() == {"id": 1, "title": "Printer on fire", "priority": 3, "done": False}, (
        "the schema fills in the defaults: priority 3, done false"
    )
    assert response.headers.get("Location", "").endswith("/tickets/1"), "point Location at the new ticket"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "title"), ({"title": "x", "id": 7}, "id"), ({"title": "x", "colour": "red"}, "colour")],
    ids=["missing-title", "id-is-read-only", "unknown-field"],
)
def test_create_validates_the_body(client: FlaskClient, body: dict[str, Any], field: str) -> None:
    response = client.post("/tickets/", json=body)
    assert response.status_code == 422, f"{body} must be 422: read the body with @blp.arguments(TicketSchema)"
    assert field in response.get_json()["errors"]["json"], f"the error must name the field {field!r}"


@pytest.mark.task(taskno=2)
def test_create_is_documented(app: Flask) -> None:
    operation = _operation(app, "/tickets/", "post")
    assert "requestBody" in operation, "declare the body with @blp.arguments(TicketSchema)"
    assert "201" in operation["responses"], "declare the answer with @blp.response(201, TicketSchema)"


@pytest.mark.task(taskno=3)
def test_get_one_and_404_with_message(client: FlaskClient) -> None:
    ticket = _create(client)
    assert client.get(f"/tickets/{ticket['id']}").get_json() == ticket
    missing = client.get("/tickets/99")
    assert missing.status_code == 404
    assert missing.get_json().get("message") == "ticket 99 not found", (
        "use abort(404, message=f'ticket {ticket_id} not found') so the client learns which one"
    )


@pytest.mark.task(taskno=3)
def test_put_replaces_every_field(client: FlaskClient) -> None:
    ticket = _create(client, priority=5, done=True)
    response = client.put(f"/tickets/{ticket['id']}", json={"title": "Printer fixed"})
    assert response.status_code == 200
    assert response.get_json() == {"id": ticket["id"], "title": "Printer fixed", "priority": 3, "done": False}, (
        "PUT replaces the whole ticket: fields left out go back to their defaults"
    )
    assert client.put("/tickets/99", json={"title": "x"}).status_code == 404, "PUT on a missing ticket: 404"


@pytest.mark.task(taskno=3)
def test_delete_answers_204_then_404(client: FlaskClient) -> None:
    ticket = _create(client)
    response = client.delete(f"/tickets/{ticket['id']}")
    assert response.status_code == 204, "use @blp.response(204) and return None"
    assert response.data == b""
    assert client.get(f"/tickets/{ticket['id']}").status_code == 404
    assert client.delete(f"/tickets/{ticket['id']}").status_code == 404


@pytest.mark.task(taskno=3)
def test_item_operations_are_documented(app: Flask) -> None:
    path = "/tickets/{ticket_id}"
    assert "200" in _operation(app, path, "get")["responses"]
    assert "requestBody" in _operation(app, path, "put")
    assert "204" in _operation(app, path, "delete")["responses"]
