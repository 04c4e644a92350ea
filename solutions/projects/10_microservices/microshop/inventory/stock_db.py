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
        self._conn.execute("BEGIN")
        with self._conn:
            self._conn.executemany(STOCK_UP, levels.items())

    def available(self, sku: str) -> int:
        """How many of `sku` are in stock (0 for an unknown SKU)."""
        row = self._conn.execute(SELECT_AVAILABLE, (sku,)).fetchone()
        return 0 if row is None else int(row[0])

    def reserve(self, sku: str, quantity: int, *, event_id: str) -> bool | None:
        """True if reserved, False if not enough stock, None if `event_id` was handled before."""
        self._conn.execute("BEGIN IMMEDIATE")
        with self._conn:
            if self._conn.execute(WAS_HANDLED, (event_id,)).fetchone():
                return None
            taken = self._conn.execute(TAKE, (quantity, sku, quantity))
            reserved = taken.rowcount == 1
            self._conn.execute(MARK_HANDLED, (event_id, reserved))
        return reserved

    def close(self) -> None:
        self._conn.close()
