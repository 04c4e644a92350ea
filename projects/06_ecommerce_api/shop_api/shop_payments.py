"""Payments, simulated: authorized (or declined) when created, then captured, voided or refunded."""

# flask-smorest ships no type information, so its decorators and classes are untyped to mypy.
# mypy: allow-untyped-decorators, allow-untyped-calls

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from shop_api.shop_blueprint import Blueprint
from shop_api.shop_guards import protected
from shop_api.shop_models import Payment
from shop_api.shop_schemas import PaymentCreateSchema, PaymentSchema

payments = Blueprint("payments", __name__, description="Simulated card payments")


def payment_for_caller(payment_id: int, *, lock: bool = False) -> Payment:
    """Milestone 6: the payment if its order is the caller's (any for an admin); else 404.

    With `lock`, its order's row is locked first (as a cancel locks it) and the payment read afresh:
    a capture and a cancel of one order then take turns instead of both succeeding.
    """
    raise NotImplementedError("payment_for_caller: write me (milestone 6)")


def apply_event(payment: Payment, event: str) -> Payment:
    """Milestone 6: move the payment (and its order) on by `event`, or 409; commits.

    capture: the order becomes paid. refund: the order becomes refunded and its stock returns.
    """
    raise NotImplementedError("apply_event: write me (milestone 6)")


@payments.route("/orders/<int:order_id>/payments")
class OrderPayments(MethodView):
    @protected(payments)
    @payments.response(200, PaymentSchema(many=True))
    @payments.alt_response(404, response="NOT_FOUND")
    def get(self, order_id: int) -> list[Payment]:
        """The payments of one of your orders"""
        raise NotImplementedError("OrderPayments.get: write me (milestone 6)")

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
        raise NotImplementedError("OrderPayments.post: write me (milestone 6)")


@payments.route("/payments/<int:payment_id>")
class PaymentById(MethodView):
    @protected(payments)
    @payments.response(200, PaymentSchema)
    @payments.alt_response(404, response="NOT_FOUND")
    def get(self, payment_id: int) -> Payment:
        """One payment of one of your orders"""
        raise NotImplementedError("PaymentById.get: write me (milestone 6)")


@payments.route("/payments/<int:payment_id>/capture")
class CapturePayment(MethodView):
    @protected(payments)
    @payments.response(200, PaymentSchema)
    @payments.alt_response(404, response="NOT_FOUND")
    @payments.alt_response(409, response="CONFLICT")
    def post(self, payment_id: int) -> Payment:
        """Capture an authorized payment: the order is paid"""
        raise NotImplementedError("CapturePayment.post: write me (milestone 6)")


@payments.route("/payments/<int:payment_id>/void")
class VoidPayment(MethodView):
    @protected(payments)
    @payments.response(200, PaymentSchema)
    @payments.alt_response(404, response="NOT_FOUND")
    @payments.alt_response(409, response="CONFLICT")
    def post(self, payment_id: int) -> Payment:
        """Void an authorized payment: the order waits for another"""
        raise NotImplementedError("VoidPayment.post: write me (milestone 6)")


@payments.route("/payments/<int:payment_id>/refund")
class RefundPayment(MethodView):
    @protected(payments, admin=True)
    @payments.response(200, PaymentSchema)
    @payments.alt_response(404, response="NOT_FOUND")
    @payments.alt_response(409, response="CONFLICT")
    def post(self, payment_id: int) -> Payment:
        """Refund a captured payment (admin): the order is refunded and its stock returns"""
        raise NotImplementedError("RefundPayment.post: write me (milestone 6)")
