"""Payments, simulated: authorized (or declined) when created, then captured, voided or refunded."""

# flask-smorest ships no type information, so its decorators and classes are untyped to mypy.
# mypy: allow-untyped-decorators, allow-untyped-calls

from __future__ import annotations

from typing import Any

from flask import url_for
from flask.views import MethodView

from shop_api.shop_blueprint import Blueprint
from shop_api.shop_db import abort, db, get_or_404
from shop_api.shop_guards import protected
from shop_api.shop_models import Payment
from shop_api.shop_orders import PAID, PENDING, REFUNDED, lock_order, order_for_caller, restock
from shop_api.shop_schemas import PaymentCreateSchema, PaymentSchema
from shop_api.shop_security import ensure_visible
from shop_api.shop_states import AUTHORIZED, CAPTURED, InvalidTransitionError, authorize, next_status

payments = Blueprint("payments", __name__, description="Simulated card payments")


def payment_for_caller(payment_id: int, *, lock: bool = False) -> Payment:
    """Milestone 6: the payment if its order is the caller's (any for an admin); else 404.

    With `lock`, its order's row is locked first (`lock_order`, as a cancel does) and the payment read
    afresh: a capture and a cancel of one order then take turns instead of both succeeding.
    """
    payment = get_or_404(Payment, payment_id, "payment")
    ensure_visible(payment.order.user_id, "payment", payment_id)
    if lock:
        session = db()
        lock_order(session, payment.order)
        session.refresh(payment)
    return payment


def apply_event(payment: Payment, event: str) -> Payment:
    """Milestone 6: move the payment (and its order) on by `event`, or 409; commits.

    capture: the order becomes paid. refund: the order becomes refunded and its stock returns.
    """
    try:
        payment.status = next_status(payment.status, event)
    except InvalidTransitionError as error:
        abort(409, message=str(error))
    session = db()
    if payment.status == CAPTURED:
        payment.order.status = PAID
    elif payment.status == REFUNDED:
        payment.order.status = REFUNDED
        restock(session, payment.order)
    session.commit()
    return payment


@payments.route("/orders/<int:order_id>/payments")
class OrderPayments(MethodView):
    @protected(payments)
    @payments.response(200, PaymentSchema(many=True))
    @payments.alt_response(404, response="NOT_FOUND")
    def get(self, order_id: int) -> list[Payment]:
        """The payments of one of your orders"""
        return list(order_for_caller(order_id).payments)

    @protected(payments)
    @payments.arguments(PaymentCreateSchema)
    @payments.response(201, PaymentSchema)
    @payments.alt_response(404, response="NOT_FOUND")
    @payments.alt_response(409, response="CONFLICT")
    def post(self, fields: dict[str, Any], order_id: int) -> tuple[Payment, dict[str, str]]:
        """Pay for an order with a card

        The simulated provider authorizes the order's total at once (the test card
        4000000000000002 is declined). 409 unless the order is pending and has no authorized payment.
        """
        order = order_for_caller(order_id, lock=True)
        if order.status != PENDING:
            abort(409, message=f"order {order.id} is {order.status}, not waiting for payment")
        if any(payment.status == AUTHORIZED for payment in order.payments):
            abort(409, message=f"order {order.id} already has an authorized payment: capture or void it")
        card = fields["card_number"]
        payment = Payment(order=order, status=authorize(card), amount_cents=order.total_cents, card_last4=card[-4:])
        session = db()
        session.add(payment)
        session.commit()
        return payment, {"Location": url_for("payments.PaymentById", payment_id=payment.id)}


@payments.route("/payments/<int:payment_id>")
class PaymentById(MethodView):
    @protected(payments)
    @payments.response(200, PaymentSchema)
    @payments.alt_response(404, response="NOT_FOUND")
    def get(self, payment_id: int) -> Payment:
        """One payment of one of your orders"""
        return payment_for_caller(payment_id)


@payments.route("/payments/<int:payment_id>/capture")
class CapturePayment(MethodView):
    @protected(payments)
    @payments.response(200, PaymentSchema)
    @payments.alt_response(404, response="NOT_FOUND")
    @payments.alt_response(409, response="CONFLICT")
    def post(self, payment_id: int) -> Payment:
        """Capture an authorized payment: the order is paid"""
        return apply_event(payment_for_caller(payment_id, lock=True), "capture")


@payments.route("/payments/<int:payment_id>/void")
class VoidPayment(MethodView):
    @protected(payments)
    @payments.response(200, PaymentSchema)
    @payments.alt_response(404, response="NOT_FOUND")
    @payments.alt_response(409, response="CONFLICT")
    def post(self, payment_id: int) -> Payment:
        """Void an authorized payment: the order waits for another"""
        return apply_event(payment_for_caller(payment_id, lock=True), "void")


@payments.route("/payments/<int:payment_id>/refund")
class RefundPayment(MethodView):
    @protected(payments, admin=True)
    @payments.response(200, PaymentSchema)
    @payments.alt_response(404, response="NOT_FOUND")
    @payments.alt_response(409, response="CONFLICT")
    def post(self, payment_id: int) -> Payment:
        """Refund a captured payment (admin): the order is refunded and its stock returns"""
        return apply_event(payment_for_caller(payment_id, lock=True), "refund")
