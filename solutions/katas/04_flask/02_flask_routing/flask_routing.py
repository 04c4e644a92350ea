"""Routing and views: URL rules with converters, HTTP methods, url_for, and error handlers."""

import datetime as dt
from html import escape
from typing import Any, TypedDict

from flask import Blueprint, Response, abort, current_app, jsonify, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter, ValidationError
from werkzeug.wrappers import Response as BaseResponse


class Order(TypedDict):
    id: int
    item: str
    day: str  # ISO date, "2024-05-01"


class IsoDateConverter(BaseConverter):
    """The `isodate` converter: `/on/2024-05-01` gives the view a `datetime.date`."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> dt.date:
        """Turn the URL part into a date; raise werkzeug.routing.ValidationError if it is not a real date."""
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValidationError() from None  # the rule does not match: 404

    def to_url(self, value: Any) -> str:
        """Turn a date back into its URL part for url_for."""
        if not isinstance(value, dt.date):
            raise TypeError(f"isodate needs a datetime.date, got {value!r}")
        return value.isoformat()


api = Blueprint("api", __name__, url_prefix="/api")


def _orders() -> dict[int, Order]:
    orders: dict[int, Order] = current_app.extensions["orders"]
    return orders


def _with_links(order: Order) -> dict[str, Any]:
    return {
        **order,
        "links": {
            "self": url_for("api.get_order", order_id=order["id"]),
            "same_day": url_for("api.orders_on", day=dt.date.fromisoformat(order["day"])),
        },
    }


@api.get("/orders")
def list_orders() -> Any:
    """Every order, by id."""
    return [_orders()[key] for key in sorted(_orders())]


@api.get("/orders/<int:order_id>")
def get_order(order_id: int) -> Any:
    """One order with its links, or 404."""
    order = _orders().get(order_id) or abort(404)
    return _with_links(order)


@api.get("/orders/on/<isodate:day>")
def orders_on(day: dt.date) -> Any:
    """The orders of one day, by id."""
    return [order for _, order in sorted(_orders().items()) if order["day"] == day.isoformat()]


@api.post("/orders")
def create_order() -> Any:
    """Create an order from JSON {"item": ..., "day": ...}: 201 with Location, or 400."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "send a JSON object")
    item, day = data.get("item"), data.get("day")
    if not isinstance(item, str) or not item.strip():
        abort(400, "item must be a non-empty string")
    try:
        parsed = dt.date.fromisoformat(day) if isinstance(day, str) else None
    except ValueError:
        parsed = None
    if parsed is None:
        abort(400, "day must be an ISO date such as 2024-05-01")
    orders = _orders()
    order: Order = {"id": max(orders, default=0) + 1, "item": item.strip(), "day": parsed.isoformat()}
    orders[order["id"]] = order
    response = jsonify(_with_links(order))
    response.status_code = 201
    response.headers["Location"] = url_for("api.get_order", order_id=order["id"])
    return response


@api.delete("/orders/<int:order_id>")
def delete_order(order_id: int) -> Any:
    """Delete an order: 204, or 404."""
    if _orders().pop(order_id, None) is None:
        abort(404)
    return "", 204


def handle_http_error(error: HTTPException) -> Response | BaseResponse:
    """JSON errors under /api/, an HTML page elsewhere; keep the error's status and headers."""
    response = error.get_response()  # keeps the status code and headers such as Allow on a 405
    code, name = error.code or 500, error.name
    if request.path == "/api" or request.path.startswith("/api/"):
        response.set_data(current_app.json.dumps({"error": name, "status": code, "message": error.description}))
        response.content_type = "application/json"
    else:
        response.set_data(f"<!doctype html><title>{code} {escape(name)}</title><h1>{code} {escape(name)}</h1>")
        response.content_type = "text/html; charset=utf-8"
    return response
