"""Given, not to edit: the order service's views, which the create_app you finish in observability.py adds."""

import logging
import time
from typing import Any

from flask import Flask, abort

ORDERS = {1: {"id": 1, "status": "shipped"}, 2: {"id": 2, "status": "packing"}}


class PaymentError(Exception):
    """The payment provider refused or failed."""


def add_order_views(app: Flask) -> None:
    """GET /orders/<order_id>, which waits LOOKUP_DELAY_SECONDS (default 0), and POST /orders/<order_id>/pay."""
    app.config.setdefault("LOOKUP_DELAY_SECONDS", 0.0)
    orders_log = logging.getLogger("shop.orders")  # a child of your `shop` logger

    @app.get("/orders/<int:order_id>")
    def show_order(order_id: int) -> dict[str, Any]:
        time.sleep(app.config["LOOKUP_DELAY_SECONDS"])  # stands in for the database
        orders_log.info("order looked up", extra={"order_id": order_id})
        if order_id not in ORDERS:
            abort(404)
        return ORDERS[order_id]

    @app.post("/orders/<int:order_id>/pay")
    def pay(order_id: int) -> dict[str, Any]:
        orders_log.info("charging the card", extra={"order_id": order_id})
        raise PaymentError(f"the bank timed out charging order {order_id}")
