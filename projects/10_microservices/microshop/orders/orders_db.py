"""The orders service's own database (SQLite, one file): orders, the ids of events already handled, and the
outbox of events to publish.

SQLite calls block: the service calls these methods through `asyncio.to_thread`, never on the event loop.
One connection serves every thread, so each method holds the lock for its whole transaction.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from microshop.common.events import Event
from microshop.common.outbox import Outbox, stage  # noqa: F401  # stage: you will need it
from microshop.common.schemas import Order, Status

SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    id TEXT PRIMARY KEY, customer TEXT NOT NULL, sku TEXT NOT NULL, quantity INTEGER NOT NULL,
    total_cents INTEGER NOT NULL, status TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS handled_events (event_id TEXT PRIMARY KEY);
"""
COLUMNS = "id, customer, sku, quantity, total_cents, status"
INSERT_ORDER = f"INSERT INTO orders ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)"
SELECT_ORDER = f"SELECT {COLUMNS} FROM orders WHERE id = ?"
MARK_HANDLED = "INSERT INTO handled_events (event_id) VALUES (?)"
UPDATE_STATUS = "UPDATE orders SET status = ? WHERE id = ?"


class OrdersDb:
    """Orders by id. Every change and the event announcing it are committed together (the outbox), and
    `set_status` records the event that caused it, so a redelivered event changes nothing."""

    def __init__(self, path: str | Path) -> None:
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._conn.executescript(SCHEMA)
        self.outbox = Outbox(self._conn, self._lock)

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

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _transaction(self) -> sqlite3.Connection:
        self._conn.execute("BEGIN")
        return self._conn  # sqlite3.Connection as a context manager commits, or rolls back on an exception


def _order(row: tuple[str, str, str, int, int, str]) -> Order:
    return Order.model_validate(dict(zip(COLUMNS.split(", "), row, strict=True)))
