"""What your `StockDb` (in `stock_db.py`) builds on: the connection and its lock, the tables and the
outbox (`SqliteStore`). (Given.)"""

from __future__ import annotations

from microshop.common.sqlite_store import SqliteStore


class StockDbBase(SqliteStore):
    """The inventory service's database: hold `self._lock` for a whole transaction."""

    SCHEMA = """
    CREATE TABLE IF NOT EXISTS stock (sku TEXT PRIMARY KEY, available INTEGER NOT NULL CHECK (available >= 0));
    CREATE TABLE IF NOT EXISTS handled_events (event_id TEXT PRIMARY KEY, reserved INTEGER NOT NULL);
    """
