"""Tests for the request-validation kata.

Mistakes these tests catch: a field left optional, a room outside the list
accepted, `Int()` without strict=True (so 2.5, "3" and true pass as
attendees), no Range (0 or 21 people), a whitespace-only title accepted
(no trimming before the Length check), a naive datetime accepted (no time
zone), a booking that ends before it starts or lasts all day, the cross-field
error reported under `_schema` instead of `ends_at`, errors that are 400 or
HTML instead of 422 JSON, unknown fields silently dropped, and a 405 whose
Allow header was lost by the JSON error handler.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from request_validation_app import create_app

VALID: dict[str, Any] = {
    "room": "aurora",
    "title": "Sprint review",
    "attendees": 6,
    "starts_at": "2026-03-02T10:00:00+01:00",
    "ends_at": "2026-03-02T11:30:00+01:00",
}


@pytest.fixture
def client() -> FlaskClient:
    """A test client for an app with no bookings."""
    app = create_app()
    app.config["TESTING"] = True
    return app.test_client()


def _field_errors(client: FlaskClient, **changes: Any) -> dict[str, list[str]]:
    body = {key: value for key, value in {**VALID, **changes}.items() if value is not None}
    response = client.post("/bookings/", json=body)
    assert response.status_code == 422, f"{changes} must be rejected with 422, got {response.status_code}"
    payload = response.get_json()
    assert payload["code"] == 422, "the error body says its code"
    errors: dict[str, list[str]] = payload["errors"]["json"]
    return errors


@pytest.mark.task(taskno=1)
def test_valid_booking_is_created(client: FlaskClient) -> None:
    response = client.post("/bookings/", json={**VALID, "title": "  Sprint review  "})
    assert response.status_code == 201
    booking = response.get_json()
    assert booking["id"] == 1
    assert booking["title"] == "Sprint review", "trim the spaces around the title"
    assert client.get("/bookings/1").get_json() == booking, "the booking must be stored"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("field", ["room", "title", "attendees", "starts_at", "ends_at"])
def test_every_field_is_required(client: FlaskClient, field: str) -> None:
    errors = _field_errors(client, **{field: None})
    assert field in errors, f"a booking without {field} must be refused, with an error under {field!r}"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("room", "basement"),
        ("room", "Aurora"),
        ("attendees", 0),
        ("attendees", 21),
        ("attendees", 2.5),
        ("attendees", 3.0),
        ("attendees", "3"),
        ("attendees", True),
        ("title", ""),
        ("title", "   "),
        ("title", "x" * 101),
        ("starts_at", "2026-03-02T10:00:00"),
        ("starts_at", "tomorrow"),
    ],
    ids=repr,
)
def test_bad_field_values_are_422(client: FlaskClient, field: str, value: Any) -> None:
    errors = _field_errors(client, **{field: value})
    assert list(errors) == [field], f"{field}={value!r} must be refused, with errors only under {field!r}: {errors}"


@pytest.mark.task(taskno=1)
def test_errors_list_every_bad_field_at_once(client: FlaskClient) -> None:
    errors = _field_errors(client, room="basement", attendees=0, colour="red")
    assert set(errors) == {"room", "attendees", "colour"}, (
        "report every problem in one answer, unknown fields included, so the client can fix them all"
    )


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    "ends_at",
    ["2026-03-02T09:00:00+01:00", "2026-03-02T10:00:00+01:00", "2026-03-02T14:00:01+01:00"],
    ids=["before", "same-time", "over-four-hours"],
)
def test_booking_must_end_after_it_starts_within_four_hours(client: FlaskClient, ends_at: str) -> None:
    errors = _field_errors(client, ends_at=ends_at)
    assert list(errors) == ["ends_at"], f"the error belongs to ends_at (use field_name=...), got {errors}"


@pytest.mark.task(taskno=2)
def test_time_zones_are_compared_correctly(client: FlaskClient) -> None:
    response = client.post(
        "/bookings/", json={**VALID, "starts_at": "2026-03-02T10:00:00+01:00", "ends_at": "2026-03-02T09:30:00Z"}
    )
    assert response.status_code == 201, "09:30 UTC is 10:30 at +01:00: half an hour after the start"


@pytest.mark.task(taskno=2)
def test_exactly_four_hours_is_allowed(client: FlaskClient) -> None:
    response = client.post("/bookings/", json={**VALID, "ends_at": "2026-03-02T14:00:00+01:00"})
    assert response.status_code == 201, "four hours is the limit, not over it"


@pytest.mark.task(taskno=3)
def test_405_keeps_its_allow_header(client: FlaskClient) -> None:
    response = client.delete("/bookings/")
    assert response.status_code == 405
    assert response.get_json()["code"] == 405, "errors stay JSON"
    allow = response.headers.get("Allow", "")
    assert "POST" in allow, (
        f"a 405 must say which methods are allowed, Allow was {allow!r}: merge error.get_headers() into the headers"
    )
    assert response.headers["Content-Type"] == "application/json", "keep the JSON content type, not the HTML one"


@pytest.mark.task(taskno=3)
def test_404_is_json_with_a_message(client: FlaskClient) -> None:
    response = client.get("/bookings/9")
    assert response.status_code == 404
    assert response.get_json() == {"code": 404, "status": "Not Found", "message": "booking 9 not found"}
