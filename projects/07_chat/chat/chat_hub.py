"""The hub: how an event published in one room reaches every server process with members in that room.

A hub knows nothing about sockets. It carries (room, payload) pairs to the `deliver` callback
of every process (its own included), and counts who is in which room across all of them.
"""

from __future__ import annotations

from collections import Counter, defaultdict  # noqa: F401  # you may want them
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
        """Keep the `deliver` callback (none before start) and a count of connections per user per room."""
        raise NotImplementedError("MemoryHub: write me (milestone 3)")

    async def start(self, deliver: Deliver) -> None:
        raise NotImplementedError("MemoryHub.start: write me (milestone 3)")

    async def publish(self, room: str, payload: str) -> None:
        raise NotImplementedError("MemoryHub.publish: write me (milestone 3)")

    async def add_member(self, room: str, user: str) -> list[str]:
        raise NotImplementedError("MemoryHub.add_member: write me (milestone 3)")

    async def remove_member(self, room: str, user: str) -> list[str]:
        raise NotImplementedError("MemoryHub.remove_member: write me (milestone 3)")

    async def close(self) -> None:
        raise NotImplementedError("MemoryHub.close: write me (milestone 3)")
