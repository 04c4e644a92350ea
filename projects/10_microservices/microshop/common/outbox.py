"""The transactional outbox: an event is written in the same transaction as the change it announces, and a
relay publishes it afterwards, again and again until the bus takes it. So a crash or a broker outage between
the commit and the publish delays the event instead of losing it (at-least-once: consumers dedupe by id).

Yours to write: `OutboxRelay` (tasks 7 and 18). Given, in `outbox_table.py`: the table, `stage` and `Outbox`.
"""

from __future__ import annotations

import asyncio  # noqa: F401  # you will need it
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
        raise NotImplementedError("flush: write me (task 7)")

    async def run(self) -> None:
        """Flush every `interval` seconds, for ever (cancel the task to stop)."""
        raise NotImplementedError("run: write me (task 18)")
