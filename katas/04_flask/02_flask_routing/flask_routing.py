"""Routing and views: URL rules with converters, HTTP methods, url_for, and error handlers."""

import datetime as dt
from typing import Any, TypedDict

from flask import Blueprint, Response
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter
from werkzeug.wrappers import Response as BaseResponse


class Order(TypedDict):
    id: int
    item: str
    day: str  # ISO date, "2024-05-01"


class IsoDateConverter(BaseConverter):
    """The `isodate` converter: `/on/2024-05-01` gives the view a `datetime.date`."""

    def to_python(self, value: str) -> dt.date:
        """Turn the URL part into a date; raise werkzeug.routing.ValidationError if it is not a real date."""
        raise NotImplementedError("IsoDateConverter.to_python: write me (task 1)")

    def to_url(self, value: Any) -> str:
        """Turn a date back into its URL part for url_for."""
        raise NotImplementedError("IsoDateConverter.to_url: write me (task 1)")


api = Blueprint("api", __name__, url_prefix="/api")


# TODO task 1: GET /api/orders
def list_orders() -> Any:
    """Every order, by id."""
    raise NotImplementedError("list_orders: write me (task 1)")


# TODO task 1: GET /api/orders/<order_id>, an int
def get_order(order_id: int) -> Any:
    """One order with its links, or 404."""
    raise NotImplementedError("get_order: write me (task 1 and 2)")


# TODO task 1: GET /api/orders/on/<day>, an isodate
def orders_on(day: dt.date) -> Any:
    """The orders of one day, by id."""
    raise NotImplementedError("orders_on: write me (task 1)")


# TODO task 2: POST /api/orders
def create_order() -> Any:
    """Create an order from JSON {"item": ..., "day": ...}: 201 with Location, or 400."""
    raise NotImplementedError("create_order: write me (task 2)")


# TODO task 2: DELETE /api/orders/<order_id>, an int
def delete_order(order_id: int) -> Any:
    """Delete an order: 204, or 404."""
    raise NotImplementedError("delete_order: write me (task 2)")


def handle_http_error(error: HTTPException) -> Response | BaseResponse:
    """JSON errors under /api/, an HTML page elsewhere; keep the error's status and headers."""
    raise NotImplementedError("handle_http_error: write me (task 3)")
