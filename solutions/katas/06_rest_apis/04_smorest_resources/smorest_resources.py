"""Resource classes: one MethodView per URL, schemas in, schemas out (flask-smorest)."""

# flask-smorest ships no type information, so its decorators and classes are untyped to mypy.
# mypy: allow-untyped-decorators

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

import marshmallow as ma
from flask import current_app, url_for
from flask.views import MethodView
from flask_smorest import Blueprint  # type: ignore[import-untyped]
from flask_smorest import abort as _abort

abort: Callable[..., NoReturn] = _abort  # raises the HTTP error; `message=` goes into the JSON body

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


def _ticket_or_404(ticket_id: int) -> Ticket:
    ticket = _store().rows.get(ticket_id)
    if ticket is None:
        abort(404, message=f"ticket {ticket_id} not found")
    return ticket


@tickets.route("/")
class Tickets(MethodView):
    """The collection: list and create."""

    @tickets.arguments(TicketQuerySchema, location="query")
    @tickets.response(200, TicketSchema(many=True))
    def get(self, query: dict[str, Any]) -> list[Ticket]:
        """Task 1: every ticket in id order, or only those whose `done` matches `?done=`."""
        rows = [ticket for _, ticket in sorted(_store().rows.items())]
        if "done" in query:
            rows = [ticket for ticket in rows if ticket["done"] is query["done"]]
        return rows

    @tickets.arguments(TicketSchema)
    @tickets.response(201, TicketSchema)
    def post(self, fields: Ticket) -> tuple[Ticket, dict[str, str]]:
        """Task 2: create a ticket; 201 with a Location header."""
        ticket = _store().add(fields)
        return ticket, {"Location": url_for("tickets.TicketById", ticket_id=ticket["id"])}


@tickets.route("/<int:ticket_id>")
class TicketById(MethodView):
    """One ticket: read, replace, delete."""

    @tickets.response(200, TicketSchema)
    def get(self, ticket_id: int) -> Ticket:
        """Task 3: the ticket, or 404 with a message."""
        return _ticket_or_404(ticket_id)

    @tickets.arguments(TicketSchema)
    @tickets.response(200, TicketSchema)
    def put(self, fields: Ticket, ticket_id: int) -> Ticket:
        """Task 3: replace every field of the ticket; 404 if there is none."""
        _ticket_or_404(ticket_id)
        ticket = {**fields, "id": ticket_id}
        _store().rows[ticket_id] = ticket
        return ticket

    @tickets.response(204)
    def delete(self, ticket_id: int) -> None:
        """Task 3: delete it; 204 No Content, or 404."""
        _ticket_or_404(ticket_id)
        del _store().rows[ticket_id]
