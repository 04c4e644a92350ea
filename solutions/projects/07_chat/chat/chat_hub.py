"""The hub: how an event published in one room reaches every server process with members in that room.

A hub knows nothing about sockets. It carries (room, payload) pairs to the `deliver` callback
of every process (its own included), and counts who is in which room across all of them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from typing import Protocol

Deliver = Callable[[str, str], Awaitable[None]]
"""`await deliver(room, payload)`: hand one event (JSON text) to this process's members of `room`."""


class Hub(Protocol):
    """What the server needs from a broadcast back end."""

    async def start(self, deliver: Deliver) -> None:
        """Begin delivering every published event to `deliver`."""
        ...

    async def publish(self, room: str, payload: str) -> None:
        """Send `payload` to every process's members of `room`."""
        ...

    async def add_member(self, room: str, user: str) -> list[str]:
        """Count one more connection of `user` in `room`; return the room's members, sorted."""
        ...

    async def remove_member(self, room: str, user: str) -> list[str]:
        """Count one connection of `user` fewer in `room`; return the room's members, sorted."""
        ...

    async def close(self) -> None:
        """Stop delivering and release connections."""
        ...


class MemoryHub:
    """The single-process hub: publishing is a direct call. Nothing to install, nothing to share."""

    def __init__(self) -> None:
        self._deliver: Deliver | None = None
        self._members: defaultdict[str, Counter[str]] = defaultdict(Counter)

    async def start(self, deliver: Deliver) -> None:
        self._deliver = deliver

    async def publish(self, room: str, payload: str) -> None:
        if self._deliver is None:
            raise RuntimeError("publish() before start()")
        await self._deliver(room, payload)

    async def add_member(self, room: str, user: str) -> list[str]:
        self._members[room][user] += 1
        return sorted(self._members[room])

    async def remove_member(self, room: str, user: str) -> list[str]:
        members = self._members[room]
        members[user] -= 1
        if members[user] <= 0:
            del members[user]
        if not members:
            del self._members[room]
            return []
        return sorted(members)

    async def close(self) -> None:
        self._deliver = None
