"""The inventory's own database (SQLite, one file): stock per SKU and the events already handled."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS stock (sku TEXT PRIMARY KEY, available INTEGER NOT NULL CHECK (available >= 0));
CREATE TABLE IF NOT EXISTS handled_events (event_id TEXT PRIMARY KEY, reserved INTEGER NOT NULL);
"""
STOCK_UP = "INSERT OR IGNORE INTO stock (sku, available) VALUES (?, ?)"
SELECT_AVAILABLE = "SELECT available FROM stock WHERE sku = ?"
WAS_HANDLED = "SELECT 1 FROM handled_events WHERE event_id = ?"
TAKE = "UPDATE stock SET available = available - ? WHERE sku = ? AND available >= ?"
MARK_HANDLED = "INSERT INTO handled_events (event_id, reserved) VALUES (?, ?)"


class StockDb:
    """Stock levels. `reserve` handles each event once, in one transaction with the stock change."""

    def __init__(self, path: str | Path) -> None:
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.executescript(SCHEMA)

    def stock_up(self, levels: Mapping[str, int]) -> None:
        """Set the stock of SKUs the database does not know yet (a restart keeps what it had)."""
        raise NotImplementedError("stock_up: write me (task 9)")

    def available(self, sku: str) -> int:
        """How many of `sku` are in stock (0 for an unknown SKU)."""
        raise NotImplementedError("available: write me (task 9)")

    def reserve(self, sku: str, quantity: int, *, event_id: str) -> bool | None:
        """True if reserved, False if not enough stock, None if `event_id` was handled before."""
        raise NotImplementedError("reserve: write me (task 9)")

    def close(self) -> None:
        self._conn.close()
