"""What your `OrdersDb` (in `orders_db.py`) builds on: the connection and its lock, the tables, the outbox,
a transaction, and a row read back as an `Order`. (Given.)"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from microshop.common.outbox_table import Outbox
from microshop.common.schemas import Order

SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    id TEXT PRIMARY KEY, customer TEXT NOT NULL, sku TEXT NOT NULL, quantity INTEGER NOT NULL,
    total_cents INTEGER NOT NULL, status TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS handled_events (event_id TEXT PRIMARY KEY);
"""
COLUMNS = "id, customer, sku, quantity, total_cents, status"


class OrdersDbBase:
    """One SQLite connection shared by every thread: hold `self._lock` for a whole transaction."""

    def __init__(self, path: str | Path) -> None:
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._conn.executescript(SCHEMA)
        self.outbox = Outbox(self._conn, self._lock)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _transaction(self) -> sqlite3.Connection:
        """`with self._transaction():` commits at the end of the block, or rolls back on an exception."""
        self._conn.execute("BEGIN")
        return self._conn  # sqlite3.Connection as a context manager commits, or rolls back on an exception


def order_from_row(row: tuple[str, str, str, int, int, str]) -> Order:
    """A row of `SELECT {COLUMNS}` as an Order."""
    return Order.model_validate(dict(zip(COLUMNS.split(", "), row, strict=True)))
