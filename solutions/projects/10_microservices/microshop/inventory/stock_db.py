"""The inventory's own database (SQLite, one file): stock per SKU, the events already handled, and the
outbox of events to publish.

SQLite calls block: the service calls these methods through `asyncio.to_thread`, never on the event loop.
One connection serves every thread, so each method holds the lock for its whole transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from microshop.common.events import Event
from microshop.common.outbox_table import stage
from microshop.inventory.stock_db_base import StockDbBase

STOCK_UP = "INSERT OR IGNORE INTO stock (sku, available) VALUES (?, ?)"
SELECT_AVAILABLE = "SELECT available FROM stock WHERE sku = ?"
WAS_HANDLED = "SELECT 1 FROM handled_events WHERE event_id = ?"
TAKE = "UPDATE stock SET available = available - ? WHERE sku = ? AND available >= ?"
MARK_HANDLED = "INSERT INTO handled_events (event_id, reserved) VALUES (?, ?)"


class StockDb(StockDbBase):
    """Stock levels. `reserve` handles each event once, in one transaction with the stock change and the
    event that announces it."""

    def stock_up(self, levels: Mapping[str, int]) -> None:
        """Set the stock of SKUs the database does not know yet (a restart keeps what it had)."""
        with self._lock:
            self._conn.execute("BEGIN")
            with self._conn:
                self._conn.executemany(STOCK_UP, levels.items())

    def available(self, sku: str) -> int:
        """How many of `sku` are in stock (0 for an unknown SKU)."""
        with self._lock:
            row = self._conn.execute(SELECT_AVAILABLE, (sku,)).fetchone()
        return 0 if row is None else int(row[0])

    def reserve(self, sku: str, quantity: int, *, event_id: str, announce: Callable[[bool], Event]) -> bool | None:
        """True if reserved, False if not enough stock, None if `event_id` was handled before. Stages
        `announce(reserved)` in the same transaction (nothing for an event handled before)."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            with self._conn:
                if self._conn.execute(WAS_HANDLED, (event_id,)).fetchone():
                    return None
                taken = self._conn.execute(TAKE, (quantity, sku, quantity))
                reserved = taken.rowcount == 1
                self._conn.execute(MARK_HANDLED, (event_id, reserved))
                stage(self._conn, announce(reserved))
        return reserved
