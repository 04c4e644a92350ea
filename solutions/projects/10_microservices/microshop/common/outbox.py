"""The transactional outbox: an event is written in the same transaction as the change it announces, and a
relay publishes it afterwards, again and again until the bus takes it. So a crash or a broker outage between
the commit and the publish delays the event instead of losing it (at-least-once: consumers dedupe by id).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
from typing import Protocol

from microshop.common.events import Event, EventBus

log = logging.getLogger(__name__)

RELAY_INTERVAL_S = 0.5  # how often the relay looks for events a failed publish left behind
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


class OutboxRelay:
    """Publishes a service's outbox: `flush()` right after a commit, and `run()` in the background for the
    events a failed publish left behind. Blocking database calls run in a worker thread."""

    def __init__(self, outbox: OutboxStore, bus: EventBus, *, interval: float = RELAY_INTERVAL_S) -> None:
        self._outbox = outbox
        self._bus = bus
        self._interval = interval
        self._in_flight: set[str] = set()  # being published by another flush of this process: not twice

    async def flush(self) -> int:
        """Publish every unsent event, oldest first, marking each sent once the bus took it. Stops at the
        first failure (logged; the background loop tries again). Returns how many this call published."""
        published = 0
        while True:
            batch = [e for e in await asyncio.to_thread(self._outbox.unsent) if e.id not in self._in_flight]
            if not batch:
                return published
            self._in_flight.update(event.id for event in batch)
            try:
                for event in batch:
                    await self._bus.publish(event)
                    await asyncio.to_thread(self._outbox.mark_sent, event.id)
                    published += 1
            except Exception:  # the broker is down or slow: the events wait in the outbox
                log.warning("publishing the outbox failed; trying again in %s s", self._interval, exc_info=True)
                return published
            finally:
                self._in_flight.difference_update(event.id for event in batch)

    async def run(self) -> None:
        """Flush every `interval` seconds, for ever (cancel the task to stop)."""
        while True:
            await self.flush()
            await asyncio.sleep(self._interval)
