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
    """A room booking. Task 1: add the field rules. Task 2: add the cross-field rule."""

    id = ma.fields.Int(dump_only=True)
    room = ma.fields.String()
    title = ma.fields.String()
    attendees = ma.fields.Int()
    starts_at = ma.fields.DateTime()
    ends_at = ma.fields.DateTime()


def _rows() -> dict[int, Booking]:
    rows: dict[int, Booking] = current_app.extensions["bookings"]
    return rows


@bookings.route("/")
class Bookings(MethodView):
    @bookings.arguments(BookingSchema)
    @bookings.response(201, BookingSchema)
    def post(self, booking: Booking) -> Booking:
        """Task 1: store a valid booking (id = highest id + 1) and answer 201."""
        raise NotImplementedError("Bookings.post: write me (task 1)")


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
        raise NotImplementedError("JsonErrorsApi.handle_http_exception: write me (task 3)")
