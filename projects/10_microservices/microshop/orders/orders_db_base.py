"""What your `OrdersDb` (in `orders_db.py`) builds on: the connection and its lock, the tables, the outbox
(`SqliteStore`), a transaction, and a row read back as an `Order`. (Given.)"""

from __future__ import annotations

import sqlite3

from microshop.common.schemas import Order
from microshop.common.sqlite_store import SqliteStore

COLUMNS = "id, customer, sku, quantity, total_cents, status"


class OrdersDbBase(SqliteStore):
    """The orders service's database: hold `self._lock` for a whole transaction."""

    SCHEMA = """
    CREATE TABLE IF NOT EXISTS orders (
        id TEXT PRIMARY KEY, customer TEXT NOT NULL, sku TEXT NOT NULL, quantity INTEGER NOT NULL,
        total_cents INTEGER NOT NULL, status TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS handled_events (event_id TEXT PRIMARY KEY);
    """

    def _transaction(self) -> sqlite3.Connection:
        """`with self._transaction():` commits at the end of the block, or rolls back on an exception."""
        self._conn.execute("BEGIN")
        return self._conn  # sqlite3.Connection as a context manager commits, or rolls back on an exception


def order_from_row(row: tuple[str, str, str, int, int, str]) -> Order:
    """A row of `SELECT {COLUMNS}` as an Order."""
    return Order.model_validate(dict(zip(COLUMNS.split(", "), row, strict=True)))
