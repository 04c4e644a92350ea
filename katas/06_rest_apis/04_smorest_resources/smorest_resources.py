"""Resource classes: one MethodView per URL, schemas in, schemas out (flask-smorest)."""

# flask-smorest ships no type information, so its decorators and classes are untyped to mypy.
# mypy: allow-untyped-decorators

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

import marshmallow as ma
from flask import current_app
from flask.views import MethodView  # noqa: F401 (you will need it)
from flask_smorest import Blueprint  # type: ignore[import-untyped]
from flask_smorest import abort as _abort

abort: Callable[..., NoReturn] = _abort  # abort(404, message=...) raises; the message goes into the JSON body

tickets = Blueprint("tickets", __name__, url_prefix="/tickets", description="Support tickets")

Ticket = dict[str, Any]


API_CONFIG = {"API_TITLE": "Tickets", "API_VERSION": "v1", "OPENAPI_VERSION": "3.0.3"}


class TicketSchema(ma.Schema):
    """A ticket as the API reads and writes it. (Given.)"""

    id = ma.fields.Int(dump_only=True)
    title = ma.fields.String(required=True)
    priority = ma.fields.Int(strict=True, load_default=3)
    done = ma.fields.Boolean(load_default=False)


class TicketQuerySchema(ma.Schema):
    """The query string of GET /tickets/: `?done=true` or `?done=false` filters. (Given.)"""

    done = ma.fields.Boolean()


class TicketStore:
    """Tickets in memory, keyed by id. (Given.)"""

    def __init__(self) -> None:
        self.rows: dict[int, Ticket] = {}
        self._last_id = 0

    def add(self, fields: Ticket) -> Ticket:
        self._last_id += 1
        ticket = {**fields, "id": self._last_id}
        self.rows[ticket["id"]] = ticket
        return ticket


def _store() -> TicketStore:
    store: TicketStore = current_app.extensions["tickets"]
    return store


# Task 1 and 2: write `class Tickets(MethodView)` here, routed at "/" of the blueprint, with `get` and `post`.


# Task 3: write `class TicketById(MethodView)` here, routed at "/<int:ticket_id>", with `get`, `put` and `delete`.
