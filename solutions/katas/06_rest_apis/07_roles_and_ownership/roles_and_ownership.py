"""Authorization: roles decide what a user may do, ownership decides what a user may see."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from flask import Blueprint, Response, abort, current_app, jsonify, request

P = ParamSpec("P")
R = TypeVar("R")

ROLES = ("viewer", "member", "admin")

LOG_IN_FIRST = "log in first"

invoices = Blueprint("invoices", __name__)

Invoice = dict[str, Any]


@dataclass(frozen=True)
class User:
    name: str
    role: str


def current_user() -> User:
    """The user behind `Authorization: Bearer <token>`, or 401. (Given: authentication is the last kata.)"""
    credentials = request.authorization
    sessions: dict[str, User] = current_app.extensions["sessions"]
    if credentials is None or credentials.type != "bearer" or credentials.token not in sessions:
        abort(401, LOG_IN_FIRST)
    return sessions[credentials.token]


def _rows() -> dict[int, Invoice]:
    rows: dict[int, Invoice] = current_app.extensions["invoices"]
    return rows


def require_role(*roles: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Task 1: a decorator: 401 when nobody is logged in, 403 when the user's role is not one of `roles`."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}")

    def decorate(view: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(view)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            if current_user().role not in roles:
                abort(403, f"this needs the role {' or '.join(roles)}")
            return view(*args, **kwargs)

        return guarded

    return decorate


def can_see(user: User, invoice: Invoice) -> bool:
    """Task 2: admins see every invoice; everyone else only their own."""
    return user.role == "admin" or invoice["owner"] == user.name


def visible_invoice_or_404(invoice_id: int, user: User) -> Invoice:
    """Task 2: the invoice if the user may see it; 404 both when it does not exist and when it is not theirs."""
    invoice = _rows().get(invoice_id)
    if invoice is None or not can_see(user, invoice):
        abort(404, f"invoice {invoice_id} not found")
    return invoice


@invoices.get("/invoices")
def list_invoices() -> Response:
    """The invoices the caller may see, by id. (Given.)"""
    user = current_user()
    return jsonify([invoice for _, invoice in sorted(_rows().items()) if can_see(user, invoice)])


@invoices.get("/invoices/<int:invoice_id>")
def get_invoice(invoice_id: int) -> Response:
    """One invoice. (Given.)"""
    return jsonify(visible_invoice_or_404(invoice_id, current_user()))


@invoices.post("/invoices")
@require_role("member", "admin")
def create_invoice() -> tuple[Response, int]:
    """A new draft invoice owned by the caller; viewers may not. (Given.)"""
    body = request.get_json(silent=True) or {}
    amount = body.get("amount")
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        abort(400, "amount must be a positive whole number of cents")
    rows = _rows()
    invoice_id = max(rows, default=0) + 1
    rows[invoice_id] = {"id": invoice_id, "owner": current_user().name, "amount": amount, "status": "draft"}
    return jsonify(rows[invoice_id]), 201


@invoices.delete("/invoices/<int:invoice_id>")
def delete_invoice(invoice_id: int) -> tuple[str, int]:
    """Task 3: admins delete any invoice, owners only their drafts; 404 before 403; 204 when done."""
    user = current_user()
    invoice = visible_invoice_or_404(invoice_id, user)
    if user.role != "admin" and invoice["status"] != "draft":
        abort(403, "only an admin can delete an invoice that was sent")
    del _rows()[invoice_id]
    return "", 204
