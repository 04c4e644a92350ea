"""Tests for the routing kata, with Flask's test client.

Mistakes these tests catch: `<order_id>` without `int:` (the view gets a
string, "abc" reaches it), a date converter that accepts 2024-02-30 or returns
the string, `to_url` missing (url_for cannot build the day link), links or
Location written by hand instead of url_for, 200 instead of 201 on create, bad
input accepted, a new id that repeats one after a
delete (len + 1), DELETE answering 200 or a second DELETE 204, an error handler
that answers JSON for web pages (or HTML for the API), returns 200, or drops the
Allow header of a 405.
"""

import datetime as dt
from typing import Any

import pytest
from flask import Flask, url_for
from flask.testing import FlaskClient
from flask_routing_app import create_app
from werkzeug.exceptions import NotFound
from werkzeug.routing import BuildError


@pytest.fixture
def app() -> Flask:
    """A fresh app holding orders 1 (kettle, 2024-05-01), 2 (teapot, 2024-05-02), 3 (mug, 2024-05-01)."""
    return create_app({"TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the app."""
    return app.test_client()


def ids(response: Any) -> list[int]:
    assert response.status_code == 200, f"expected 200, got {response.status_code}"
    return [order["id"] for order in response.get_json()]


@pytest.mark.task(taskno=1)
def test_list_orders_by_id(client: FlaskClient) -> None:
    assert ids(client.get("/api/orders")) == [1, 2, 3], "GET /api/orders should list every order by id"


@pytest.mark.task(taskno=1)
def test_list_returns_each_order_whole(client: FlaskClient) -> None:
    assert client.get("/api/orders").get_json() == [
        {"id": 1, "item": "kettle", "day": "2024-05-01"},
        {"id": 2, "item": "teapot", "day": "2024-05-02"},
        {"id": 3, "item": "mug", "day": "2024-05-01"},
    ], "return the stored order dicts as they are"


@pytest.mark.task(taskno=1)
def test_get_order_by_its_int_id(client: FlaskClient) -> None:
    response = client.get("/api/orders/2")
    assert response.status_code == 200, f"GET /api/orders/2 should answer 200, got {response.status_code}"
    assert response.get_json()["item"] == "teapot", "order 2 is the teapot"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("path", ["/api/orders/abc", "/api/orders/-1", "/api/orders/1.5", "/api/orders/99"])
def test_only_existing_int_ids_find_an_order(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 404, f"GET {path} should be 404: use <int:order_id>, abort(404) if unknown"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(("day", "expected"), [("2024-05-01", [1, 3]), ("2024-05-02", [2]), ("2024-05-03", [])])
def test_orders_on_a_day_uses_the_date_converter(client: FlaskClient, day: str, expected: list[int]) -> None:
    assert ids(client.get(f"/api/orders/on/{day}")) == expected, f"orders on {day} should be {expected}"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("day", ["2024-02-30", "2024-13-01", "2024-5-1", "yesterday", "20240501"])
def test_impossible_dates_do_not_match_the_rule(client: FlaskClient, day: str) -> None:
    assert client.get(f"/api/orders/on/{day}").status_code == 404, (
        f"{day!r} is not a real ISO date: to_python should raise ValidationError so the rule does not match"
    )


@pytest.mark.task(taskno=1)
def test_the_converter_builds_urls_from_dates(app: Flask) -> None:
    with app.test_request_context():
        try:
            url = url_for("api.orders_on", day=dt.date(2024, 5, 1))
        except BuildError as error:
            raise AssertionError(f"url_for cannot build the orders_on URL yet: {error}") from error
    assert url == "/api/orders/on/2024-05-01", f"to_url should give the ISO date, got {url}"


@pytest.mark.task(taskno=2)
def test_an_order_links_to_itself_and_its_day(client: FlaskClient) -> None:
    response = client.get("/api/orders/3")
    assert response.status_code == 200, f"GET /api/orders/3 should answer 200, got {response.status_code}"
    assert response.get_json().get("links") == {"self": "/api/orders/3", "same_day": "/api/orders/on/2024-05-01"}, (
        "build the links with url_for('api.get_order', ...) and url_for('api.orders_on', day=<a date>)"
    )


@pytest.mark.task(taskno=2)
def test_create_order_answers_201_with_its_location(client: FlaskClient) -> None:
    response = client.post("/api/orders", json={"item": " saucer ", "day": "2024-06-01"})
    assert response.status_code == 201, f"POST /api/orders should answer 201 Created, got {response.status_code}"
    assert response.headers.get("Location") == "/api/orders/4", "Location should point at the new order"
    assert client.get("/api/orders/4").get_json()["item"] == "saucer", "the new order is stored, its item stripped"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    "body",
    [None, [], {"day": "2024-06-01"}, {"item": "  ", "day": "2024-06-01"}, {"item": "cup", "day": "2024-02-30"}],
    ids=["no-json", "list", "no-item", "blank-item", "bad-day"],
)
def test_create_order_rejects_bad_input(client: FlaskClient, body: object) -> None:
    response = client.post("/api/orders", json=body) if body is not None else client.post("/api/orders")
    assert response.status_code == 400, f"POST {body!r} should answer 400 Bad Request, got {response.status_code}"
    assert ids(client.get("/api/orders")) == [1, 2, 3], "a rejected order must not be stored"


@pytest.mark.task(taskno=2)
def test_delete_order_answers_204_then_404(client: FlaskClient) -> None:
    first = client.delete("/api/orders/1")
    assert first.status_code == 204, f"DELETE /api/orders/1 should answer 204 No Content, got {first.status_code}"
    assert first.data == b"", "204 has no body"
    assert client.delete("/api/orders/1").status_code == 404, "deleting it again finds nothing: 404"


@pytest.mark.task(taskno=2)
def test_a_new_order_never_reuses_an_id(client: FlaskClient) -> None:
    client.delete("/api/orders/2")
    created = client.post("/api/orders", json={"item": "saucer", "day": "2024-06-01"})
    assert created.status_code == 201, f"expected 201, got {created.status_code}"
    new_id = created.get_json()["id"]
    assert new_id == 4, f"after deleting order 2, a new order takes id 4 (one past the highest), got {new_id}"
    mug = client.get("/api/orders/3").get_json()
    assert mug["item"] == "mug", f"creating an order overwrote order 3: {mug}"


@pytest.mark.task(taskno=2)
def test_unrouted_methods_answer_405_with_allow(client: FlaskClient) -> None:
    response = client.put("/api/orders/1", json={})
    assert response.status_code == 405, f"PUT is not routed: 405, got {response.status_code}"
    assert {"GET", "DELETE"} <= set(response.headers.get("Allow", "").replace(" ", "").split(",")), (
        "the Allow header should list GET and DELETE for /api/orders/<id>"
    )


@pytest.mark.task(taskno=3)
def test_api_errors_are_json(client: FlaskClient) -> None:
    response = client.get("/api/orders/99")
    assert response.status_code == 404, f"expected 404, got {response.status_code}"
    assert response.is_json, f"errors under /api/ should be JSON, got {response.mimetype}"
    body = response.get_json()
    assert (body.get("error"), body.get("status")) == ("Not Found", 404), f"expected error + status, got {body}"
    assert body.get("message") == NotFound.description, "the message is the error's description"


@pytest.mark.task(taskno=3)
def test_the_api_root_itself_answers_json(client: FlaskClient) -> None:
    response = client.get("/api")
    assert response.status_code == 404, f"nothing is routed at /api, expected 404, got {response.status_code}"
    assert response.is_json, "/api itself is under the API too: check the path is /api or starts with /api/"


@pytest.mark.task(taskno=3)
def test_api_405_stays_json_and_keeps_allow(client: FlaskClient) -> None:
    response = client.patch("/api/orders")
    assert response.status_code == 405, f"expected 405, got {response.status_code}"
    assert response.is_json, f"a 405 under /api/ should be JSON too, got {response.mimetype}"
    assert "GET" in response.headers.get("Allow", ""), "start from error.get_response() so the Allow header stays"


@pytest.mark.task(taskno=3)
def test_page_errors_are_html(client: FlaskClient) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404, f"expected 404, got {response.status_code}"
    assert response.mimetype == "text/html", f"errors outside /api/ should be an HTML page, got {response.mimetype}"
    assert "404 Not Found" in response.get_data(as_text=True), "the page should say '404 Not Found'"
