"""This process's side of the rooms: who is in which room here, and delivery of the hub's events to them."""

from __future__ import annotations

import json
from collections import defaultdict

from .chat_connection import Connection


class LocalRooms:
    """Which of this process's connections are in which room, and delivery of the hub's events to them."""

    def __init__(self) -> None:
        self._rooms: defaultdict[str, set[Connection]] = defaultdict(set)
        self.connections: set[Connection] = set()

    def add(self, room: str, connection: Connection) -> None:
        self._rooms[room].add(connection)
        connection.rooms.add(room)

    def remove(self, room: str, connection: Connection) -> None:
        connection.rooms.discard(room)
        members = self._rooms.get(room)
        if members is not None:
            members.discard(connection)
            if not members:
                del self._rooms[room]

    async def deliver(self, room: str, payload: str) -> None:
        """The hub's callback: give `payload` to every local member of `room` (typing: all but the typist)."""
        members = self._rooms.get(room)
        if not members:
            return
        event = json.loads(payload)
        skip_user = event.get("user") if event.get("type") == "typing" else None
        for connection in tuple(members):
            if connection.user != skip_user:
                connection.offer(payload)
