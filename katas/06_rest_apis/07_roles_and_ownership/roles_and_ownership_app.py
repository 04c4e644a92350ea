"""Given, not to edit: the app, serving your invoices blueprint from roles_and_ownership.py."""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask
from roles_and_ownership import Invoice, User, invoices


def create_app(sessions: Mapping[str, User], initial: list[Invoice] | None = None) -> Flask:
    """The app: `sessions` maps a bearer token to its user."""
    app = Flask(__name__)
    app.extensions["sessions"] = dict(sessions)
    app.extensions["invoices"] = {invoice["id"]: dict(invoice) for invoice in initial or []}
    app.register_blueprint(invoices)
    return app
