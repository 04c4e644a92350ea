"""The outbox table of a service's SQLite database: `stage` an event in a transaction, read what is unsent,
mark it sent. Your `OutboxRelay` (in `outbox.py`) publishes it. (Given.)"""

from __future__ import annotations

import sqlite3
import threading
from typing import Protocol

from microshop.common.events import Event

SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, event TEXT NOT NULL,
    sent INTEGER NOT NULL DEFAULT 0
);
"""
STAGE = "INSERT INTO outbox (event_id, event) VALUES (?, ?)"
UNSENT = "SELECT event FROM outbox WHERE sent = 0 ORDER BY position LIMIT ?"
MARK_SENT = "UPDATE outbox SET sent = 1 WHERE event_id = ?"


def stage(conn: sqlite3.Connection, event: Event) -> None:
    """Write `event` to the outbox on `conn`, inside the caller's open transaction."""
    conn.execute(STAGE, (event.id, event.model_dump_json()))


class OutboxStore(Protocol):
    """What the relay needs from a service's database."""

    def unsent(self, limit: int = 100) -> list[Event]: ...
    def mark_sent(self, event_id: str) -> None: ...


class Outbox:
    """The outbox table of one SQLite connection. `lock` is the connection's: one thread at a time uses it."""

    def __init__(self, conn: sqlite3.Connection, lock: threading.Lock) -> None:
        self._conn = conn
        self._lock = lock
        with lock:
            conn.executescript(SCHEMA)

    def unsent(self, limit: int = 100) -> list[Event]:
        """The oldest `limit` events not published yet, oldest first."""
        with self._lock:
            rows = self._conn.execute(UNSENT, (limit,)).fetchall()
        return [Event.model_validate_json(row[0]) for row in rows]

    def mark_sent(self, event_id: str) -> None:
        with self._lock:
            self._conn.execute(MARK_SENT, (event_id,))
