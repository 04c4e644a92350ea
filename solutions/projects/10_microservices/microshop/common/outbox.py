"""The transactional outbox: an event is written in the same transaction as the change it announces, and a
relay publishes it afterwards, again and again until the bus takes it. So a crash or a broker outage between
the commit and the publish delays the event instead of losing it (at-least-once: consumers dedupe by id).

Yours to write: `OutboxRelay` (tasks 7 and 18). Given, in `outbox_table.py`: the table, `stage` and `Outbox`.
"""

from __future__ import annotations

import asyncio
import logging

from microshop.common.events import EventBus
from microshop.common.outbox_table import OutboxStore

log = logging.getLogger(__name__)

RELAY_INTERVAL_S = 0.5  # how often the relay looks for events a failed publish left behind


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
