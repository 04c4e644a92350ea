"""This process's side of the rooms: who is in which room here, and delivery of the hub's events to them."""

from __future__ import annotations

from collections import defaultdict  # noqa: F401  # you may want it

from .chat_connection import Connection


class LocalRooms:
    """Which of this process's connections are in which room, and delivery of the hub's events to them."""

    def __init__(self) -> None:
        self.connections: set[Connection] = set()  # every open connection of this process (for shutdown)
        # and the rooms: which connections are in which room here

    def add(self, room: str, connection: Connection) -> None:
        """Put `connection` in `room` (and `room` in `connection.rooms`)."""
        raise NotImplementedError("LocalRooms.add: write me (milestone 3)")

    def remove(self, room: str, connection: Connection) -> None:
        """Take `connection` out of `room`; forget a room nobody here is in any more."""
        raise NotImplementedError("LocalRooms.remove: write me (milestone 3)")

    async def deliver(self, room: str, payload: str) -> None:
        """The hub's callback: `offer` the payload to every local member of `room`, except that a
        `typing` event skips connections of the user who is typing."""
        raise NotImplementedError("LocalRooms.deliver: write me (milestone 3)")
