"""The orders service's own database (SQLite, one file): orders, the ids of events already handled, and the
outbox of events to publish.

SQLite calls block: the service calls these methods through `asyncio.to_thread`, never on the event loop.
One connection serves every thread, so each method holds the lock for its whole transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from microshop.common.events import Event
from microshop.common.outbox_table import stage  # noqa: F401  # you will need it
from microshop.common.schemas import Order, Status
from microshop.orders.orders_db_base import COLUMNS, OrdersDbBase, order_from_row  # noqa: F401  # order_from_row: you will need it

INSERT_ORDER = f"INSERT INTO orders ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)"
SELECT_ORDER = f"SELECT {COLUMNS} FROM orders WHERE id = ?"
MARK_HANDLED = "INSERT INTO handled_events (event_id) VALUES (?)"
UPDATE_STATUS = "UPDATE orders SET status = ? WHERE id = ?"


class OrdersDb(OrdersDbBase):
    """Orders by id. Every change and the event announcing it are committed together (the outbox), and
    `set_status` records the event that caused it, so a redelivered event changes nothing."""

    def add(self, order: Order, placed: Event) -> None:
        """Save a new order and its `order.placed` event, in one transaction."""
        raise NotImplementedError("add: write me (task 8)")

    def get(self, order_id: str) -> Order | None:
        """The order with this id, or None."""
        raise NotImplementedError("get: write me (task 8)")

    def set_status(
        self, order_id: str, status: Status, *, event_id: str, announce: Callable[[Order], Event]
    ) -> Order | None:
        """Set the status once per event, and stage `announce(order)` in the same transaction.
        None (and nothing staged) if `event_id` was handled before or the order is unknown."""
        raise NotImplementedError("set_status: write me (task 11)")
