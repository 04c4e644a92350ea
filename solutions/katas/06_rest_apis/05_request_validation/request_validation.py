"""Request validation: reject bad input with 422 and field-by-field errors, and keep error headers."""

# flask-smorest ships no type information, so its decorators and classes are untyped to mypy.
# mypy: allow-untyped-decorators, allow-subclassing-any

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any, NoReturn

import marshmallow as ma
from flask import current_app
from flask.views import MethodView
from flask_smorest import Api, Blueprint  # type: ignore[import-untyped]
from flask_smorest import abort as _abort
from werkzeug.exceptions import HTTPException

abort: Callable[..., NoReturn] = _abort

ROOMS = ("aurora", "borealis", "cosmos")
MAX_ATTENDEES = 20
MAX_LENGTH = timedelta(hours=4)

bookings = Blueprint("bookings", __name__, url_prefix="/bookings")

Booking = dict[str, Any]


API_CONFIG = {"API_TITLE": "Bookings", "API_VERSION": "v1", "OPENAPI_VERSION": "3.0.3"}


class BookingSchema(ma.Schema):
    """A room booking, with every rule the API enforces."""

    class Meta:
        unknown = ma.RAISE

    id = ma.fields.Int(dump_only=True)
    room = ma.fields.String(required=True, validate=ma.validate.OneOf(ROOMS))
    title = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=100))
    attendees = ma.fields.Int(required=True, strict=True, validate=ma.validate.Range(min=1, max=MAX_ATTENDEES))
    starts_at = ma.fields.AwareDateTime(required=True)
    ends_at = ma.fields.AwareDateTime(required=True)

    @ma.pre_load
    def strip_title(self, data: Any, **_: Any) -> Any:
        """Task 1: surrounding spaces are not part of the title (so "   " is empty)."""
        if isinstance(data, dict) and isinstance(data.get("title"), str):
            return {**data, "title": data["title"].strip()}
        return data

    @ma.validates_schema
    def ends_after_it_starts(self, data: Booking, **_: Any) -> None:
        """Task 2: a booking ends after it starts and lasts at most MAX_LENGTH."""
        length = data["ends_at"] - data["starts_at"]
        if length <= timedelta(0):
            raise ma.ValidationError("must be after starts_at", field_name="ends_at")
        if length > MAX_LENGTH:
            raise ma.ValidationError(f"a booking lasts at most {MAX_LENGTH}", field_name="ends_at")


def _rows() -> dict[int, Booking]:
    rows: dict[int, Booking] = current_app.extensions["bookings"]
    return rows


@bookings.route("/")
class Bookings(MethodView):
    @bookings.arguments(BookingSchema)
    @bookings.response(201, BookingSchema)
    def post(self, booking: Booking) -> Booking:
        """Task 1: store a valid booking and answer 201."""
        rows = _rows()
        booking_id = max(rows, default=0) + 1
        rows[booking_id] = {**booking, "id": booking_id}
        return rows[booking_id]


@bookings.route("/<int:booking_id>")
class BookingById(MethodView):
    @bookings.response(200, BookingSchema)
    def get(self, booking_id: int) -> Booking:
        """One booking. (Given.)"""
        booking = _rows().get(booking_id)
        if booking is None:
            abort(404, message=f"booking {booking_id} not found")
        return booking


class JsonErrorsApi(Api):
    """flask-smorest's Api, with error responses that keep the headers the error carries."""

    def handle_http_exception(self, error: HTTPException) -> tuple[dict[str, Any], int, dict[str, str]]:
        """Task 3: the JSON error body from flask-smorest, plus the error's own headers (such as Allow)."""
        payload, status, headers = super().handle_http_exception(error)
        own = {name: value for name, value in error.get_headers() if name.lower() != "content-type"}
        return payload, status, {**own, **(headers or {})}
