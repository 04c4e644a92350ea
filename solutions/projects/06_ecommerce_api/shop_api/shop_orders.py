"""Orders: placed from the cart in one transaction that checks and reserves stock; cancelling returns it."""

# flask-smorest ships no type information, so its decorators and classes are untyped to mypy.
# mypy: allow-untyped-decorators, allow-untyped-calls

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from flask import url_for
from flask.views import MethodView
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shop_api.shop_blueprint import Blueprint
from shop_api.shop_db import abort, db, get_or_404
from shop_api.shop_guards import protected
from shop_api.shop_identity import current_user
from shop_api.shop_models import CartItem, IdempotencyKey, Order, OrderLine, Product, User
from shop_api.shop_schemas import IdempotencyHeaderSchema, OrderCreateSchema, OrderSchema
from shop_api.shop_security import ensure_visible, is_admin
from shop_api.shop_states import AUTHORIZED, next_status

orders = Blueprint("orders", __name__, url_prefix="/orders", description="Your orders")

PENDING, PAID, CANCELLED, REFUNDED = "pending", "paid", "cancelled", "refunded"


def fingerprint(body: Mapping[str, Any]) -> str:
    """Milestone 5: a hash of a request body that is the same for the same content, whatever the key order."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def place_order(session: Session, user: User, shipping_address: str) -> Order:
    """Milestone 5: turn the user's cart into an order, reserving stock; the caller commits.

    The products are locked (SELECT ... FOR UPDATE) before their stock is checked, so two orders
    cannot both take the last one. 409 for an empty cart or too little stock, changing nothing.
    """
    items = list(session.scalars(select(CartItem).where(CartItem.user_id == user.id).order_by(CartItem.product_id)))
    if not items:
        abort(409, message="your cart is empty")
    locked = (
        select(Product)
        .where(Product.id.in_([item.product_id for item in items]))
        .order_by(Product.id)  # always lock in the same order, so two orders cannot deadlock
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    products = {product.id: product for product in session.scalars(locked)}
    short = [
        f"product {item.product_id} has {products[item.product_id].stock}, you asked for {item.quantity}"
        for item in items
        if item.quantity > products[item.product_id].stock
    ]
    if short:
        session.rollback()
        abort(409, message="not enough stock: " + "; ".join(short))
    lines = []
    for item in items:
        product = products[item.product_id]
        product.stock -= item.quantity
        lines.append(
            OrderLine(
                product_id=product.id, name=product.name, unit_price_cents=product.price_cents, quantity=item.quantity
            )
        )
    order = Order(
        user_id=user.id,
        status=PENDING,
        shipping_address=shipping_address,
        total_cents=sum(line.line_total_cents for line in lines),
        lines=lines,
    )
    session.add(order)
    session.execute(delete(CartItem).where(CartItem.user_id == user.id))
    session.flush()
    return order


def restock(session: Session, order: Order) -> None:
    """Milestone 5: put the order's quantities back on the shelf."""
    for line in order.lines:
        product = session.get(Product, line.product_id, with_for_update=True)
        if product is not None:
            product.stock += line.quantity


def lock_order(session: Session, order: Order) -> None:
    """Milestone 5: lock the order's row until the commit (SELECT ... FOR UPDATE) and read it afresh.

    Every change of an order's status (cancel, pay, capture, void, refund) locks it first, so two
    requests on one order take turns, and the second sees what the first did. Order first, then its
    products: always in this order, so two of them cannot deadlock.
    """
    session.refresh(order, with_for_update=True)


def order_for_caller(order_id: int, *, lock: bool = False) -> Order:
    """Milestone 5: the order if it is the caller's (any order for an admin); else 404, as if it did not exist.

    With `lock`, its row is locked (`lock_order`) before it is returned: for a request that changes it.
    """
    order = get_or_404(Order, order_id, "order")
    ensure_visible(order.user_id, "order", order_id)
    if lock:
        lock_order(db(), order)
    return order


def order_dump(order: Order) -> dict[str, Any]:
    """Milestone 5: an order as OrderSchema dumps it."""
    return {
        "id": order.id,
        "user_id": order.user_id,
        "status": order.status,
        "shipping_address": order.shipping_address,
        "total_cents": order.total_cents,
        "lines": [
            {
                "product_id": line.product_id,
                "name": line.name,
                "unit_price_cents": line.unit_price_cents,
                "quantity": line.quantity,
                "line_total_cents": line.line_total_cents,
            }
            for line in order.lines
        ],
    }


@orders.route("/")
class Orders(MethodView):
    @protected(orders)
    @orders.response(200, OrderSchema(many=True))
    def get(self) -> list[dict[str, Any]]:
        """Your orders, newest first (an admin sees everyone's)"""
        me = current_user()
        statement = select(Order).order_by(Order.id.desc())
        if not is_admin(me):
            statement = statement.where(Order.user_id == me.id)
        return [order_dump(order) for order in db().scalars(statement)]

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
        session, me = db(), current_user()
        key = headers.get("idempotency_key")
        digest = fingerprint(fields)
        if key is not None:
            seen = session.scalar(
                select(IdempotencyKey).where(IdempotencyKey.user_id == me.id, IdempotencyKey.key == key)
            )
            if seen is not None:
                if seen.fingerprint != digest:
                    abort(422, message="this Idempotency-Key was already used with a different request body")
                order = session.get_one(Order, seen.order_id)
                return order_dump(order), {
                    "Location": url_for("orders.OrderById", order_id=order.id),
                    "Idempotent-Replayed": "true",
                }
        order = place_order(session, me, fields["shipping_address"])
        if key is not None:
            session.add(IdempotencyKey(user_id=me.id, key=key, fingerprint=digest, order_id=order.id))
        try:
            session.commit()
        except IntegrityError:  # the same key, committed by a concurrent request a moment ago
            session.rollback()
            abort(409, message="a request with this Idempotency-Key is already being processed: retry")
        return order_dump(order), {"Location": url_for("orders.OrderById", order_id=order.id)}


@orders.route("/<int:order_id>")
class OrderById(MethodView):
    @protected(orders)
    @orders.response(200, OrderSchema)
    @orders.alt_response(404, response="NOT_FOUND")
    def get(self, order_id: int) -> dict[str, Any]:
        """One of your orders"""
        return order_dump(order_for_caller(order_id))


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
        session = db()
        order = order_for_caller(order_id, lock=True)
        if order.status != PENDING:
            abort(409, message=f"only a pending order can be cancelled, this one is {order.status}")
        for payment in order.payments:
            if payment.status == AUTHORIZED:
                payment.status = next_status(payment.status, "void")
        restock(session, order)
        order.status = CANCELLED
        session.commit()
        return order_dump(order)
