"""Orders: placed from the cart in one transaction that checks and reserves stock; cancelling returns it."""

# flask-smorest ships no type information, so its decorators and classes are untyped to mypy.
# mypy: allow-untyped-decorators, allow-untyped-calls

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask.views import MethodView
from sqlalchemy.orm import Session

from shop_api.shop_blueprint import Blueprint
from shop_api.shop_guards import protected
from shop_api.shop_models import Order, User
from shop_api.shop_schemas import IdempotencyHeaderSchema, OrderCreateSchema, OrderSchema

orders = Blueprint("orders", __name__, url_prefix="/orders", description="Your orders")

PENDING, PAID, CANCELLED, REFUNDED = "pending", "paid", "cancelled", "refunded"


def fingerprint(body: Mapping[str, Any]) -> str:
    """Milestone 5: a hash of a request body that is the same for the same content, whatever the key order."""
    raise NotImplementedError("fingerprint: write me (milestone 5)")


def place_order(session: Session, user: User, shipping_address: str) -> Order:
    """Milestone 5: turn the user's cart into an order, reserving stock; the caller commits.

    The products are locked (SELECT ... FOR UPDATE) before their stock is checked, so two orders
    cannot both take the last one. 409 for an empty cart or too little stock, changing nothing.
    """
    raise NotImplementedError("place_order: write me (milestone 5)")


def restock(session: Session, order: Order) -> None:
    """Milestone 5: put the order's quantities back on the shelf."""
    raise NotImplementedError("restock: write me (milestone 5)")


def order_for_caller(order_id: int, *, lock: bool = False) -> Order:
    """Milestone 5: the order if it is the caller's (any order for an admin); else 404, as if it did not exist.

    With `lock`, its row is locked until the commit (SELECT ... FOR UPDATE) and read afresh, for a
    request that changes it: two cancels of one order then take turns, and the second sees the first's.
    """
    raise NotImplementedError("order_for_caller: write me (milestone 5)")


def order_dump(order: Order) -> dict[str, Any]:
    """Milestone 5: an order as OrderSchema dumps it."""
    raise NotImplementedError("order_dump: write me (milestone 5)")


@orders.route("/")
class Orders(MethodView):
    @protected(orders)
    @orders.response(200, OrderSchema(many=True))
    def get(self) -> list[dict[str, Any]]:
        """Your orders, newest first (an admin sees everyone's)"""
        raise NotImplementedError("Orders.get: write me (milestone 5)")

    @protected(orders)
    @orders.arguments(IdempotencyHeaderSchema, location="headers")
    @orders.arguments(OrderCreateSchema)
    @orders.response(201, OrderSchema)
    @orders.alt_response(409, response="CONFLICT")
    def post(self, headers: dict[str, Any], fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
        """Order what is in your cart

        Checks and reserves the stock and empties the cart, all or nothing (409 if anything is short).
        With an `Idempotency-Key` header, a retry with the same key and body returns the same order
        instead of ordering twice; the same key with another body is a 422.
        """
        raise NotImplementedError("Orders.post: write me (milestone 5)")


@orders.route("/<int:order_id>")
class OrderById(MethodView):
    @protected(orders)
    @orders.response(200, OrderSchema)
    @orders.alt_response(404, response="NOT_FOUND")
    def get(self, order_id: int) -> dict[str, Any]:
        """One of your orders"""
        raise NotImplementedError("OrderById.get: write me (milestone 5)")


@orders.route("/<int:order_id>/cancel")
class CancelOrder(MethodView):
    @protected(orders)
    @orders.response(200, OrderSchema)
    @orders.alt_response(404, response="NOT_FOUND")
    @orders.alt_response(409, response="CONFLICT")
    def post(self, order_id: int) -> dict[str, Any]:
        """Cancel an unpaid order

        Its stock goes back on the shelf and an authorized payment is voided. A paid order is
        refunded instead (409 here).
        """
        raise NotImplementedError("CancelOrder.post: write me (milestone 5)")
