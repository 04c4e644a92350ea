"""What each service's SQLite database builds on: one connection shared by its threads, its tables and its
outbox. (Given.)"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from microshop.common.outbox_table import Outbox


class SqliteStore:
    """One SQLite connection shared by every thread: hold `self._lock` for a whole transaction."""

    SCHEMA = ""
    """The service's tables (CREATE TABLE IF NOT EXISTS ...), made when the store opens."""

    def __init__(self, path: str | Path) -> None:
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._conn.executescript(self.SCHEMA)
        self.outbox = Outbox(self._conn, self._lock)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
