"""WebSockets with FastAPI: an echo endpoint, then chat rooms that broadcast to their members."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, WebSocket

MAX_TEXT = 500


class Room:
    """The members of one chat room, by name, with their open connections."""

    def __init__(self) -> None:
        self.members: dict[str, WebSocket] = {}

    def names(self) -> list[str]:
        """The members' names, sorted."""
        return sorted(self.members)

    def join(self, name: str, websocket: WebSocket) -> None:
        """Add a member; ValueError if the name is already taken in this room."""
        raise NotImplementedError("Room.join: write me (task 2)")

    def leave(self, name: str) -> None:
        """Remove a member (no error if already gone)."""
        raise NotImplementedError("Room.leave: write me (task 4)")

    async def broadcast(self, message: dict[str, Any]) -> None:
        """Send `message` as JSON to every member."""
        raise NotImplementedError("Room.broadcast: write me (task 2)")


def create_app() -> FastAPI:
    """The app, with its own rooms (so each test, and each app, starts empty)."""
    app = FastAPI()
    rooms: dict[str, Room] = {}

    @app.websocket("/ws/echo")
    async def echo(websocket: WebSocket) -> None:
        """Accept, then answer each text message with "echo: <text>" until the client disconnects."""
        raise NotImplementedError("echo: write me (task 1)")

    @app.websocket("/ws/rooms/{room_name}")
    async def chat(websocket: WebSocket, room_name: str, name: str = "") -> None:
        """Join `room_name` as `name` (tasks 2-4): see README.md."""
        rooms.setdefault(room_name, Room())  # this app's rooms, by name
        raise NotImplementedError("chat: write me (tasks 2 to 4)")

    return app
