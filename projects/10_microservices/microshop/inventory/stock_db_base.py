"""What your `StockDb` (in `stock_db.py`) builds on: the connection and its lock, the tables and the
outbox. (Given.)"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from microshop.common.outbox_table import Outbox

SCHEMA = """
CREATE TABLE IF NOT EXISTS stock (sku TEXT PRIMARY KEY, available INTEGER NOT NULL CHECK (available >= 0));
CREATE TABLE IF NOT EXISTS handled_events (event_id TEXT PRIMARY KEY, reserved INTEGER NOT NULL);
"""


class StockDbBase:
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
