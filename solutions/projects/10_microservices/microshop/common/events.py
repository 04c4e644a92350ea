"""Events, the bus every service talks to, and the in-memory bus the unit tests use."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field

ORDER_PLACED = "order.placed"
INVENTORY_RESERVED = "inventory.reserved"
INVENTORY_REJECTED = "inventory.rejected"
ORDER_UPDATED = "order.updated"


def _new_id() -> str:
    return uuid.uuid4().hex


def _now() -> datetime:
    return datetime.now(UTC)


class Event(BaseModel):
    """One thing that happened. `id` is unique per event: consumers use it to ignore a redelivery."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: str = Field(pattern=r"^[a-z]+(\.[a-z]+)+$")
    data: dict[str, Any]
    id: str = Field(default_factory=_new_id, min_length=1, max_length=64)
    request_id: str | None = None
    occurred_at: datetime = Field(default_factory=_now)


Handler = Callable[[Event], Awaitable[None]]


class EventBus(Protocol):
    """Publish events by type; subscribe a handler to a type. `group` shares the work between replicas."""

    async def publish(self, event: Event) -> None: ...

    async def subscribe(self, event_type: str, handler: Handler, *, group: str | None = None) -> None: ...

    async def close(self) -> None: ...


class FakeBus:
    """An in-memory EventBus: delivers each event to its subscribers at once and remembers it.

    One subscriber per group gets an event (like NATS queue groups); a subscriber without a
    group gets every event.
    """

    def __init__(self) -> None:
        self.published: list[Event] = []
        self._handlers: dict[str, dict[str, Handler]] = defaultdict(dict)
        self.closed = False

    async def publish(self, event: Event) -> None:
        """Record `event` in `published`, then deliver it."""
        self.published.append(event)
        await self.deliver(event)

    async def deliver(self, event: Event) -> None:
        """Hand `event` to its subscribers (again, if it was published before: a redelivery)."""
        for handler in list(self._handlers[event.type].values()):
            await handler(event)

    async def subscribe(self, event_type: str, handler: Handler, *, group: str | None = None) -> None:
        """Add `handler` for `event_type`: one handler per `group` (the latest wins), any number without one."""
        key = group if group is not None else f"_solo_{len(self._handlers[event_type])}"
        self._handlers[event_type][key] = handler

    async def close(self) -> None:
        self.closed = True

    def of_type(self, event_type: str) -> list[Event]:
        """The events published so far with this type, oldest first."""
        return [event for event in self.published if event.type == event_type]
