"""WebSockets with FastAPI: an echo endpoint, then chat rooms that broadcast to their members."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, WebSocket, WebSocketDisconnect, status

MAX_TEXT = 500


class Room:
    """The members of one chat room, by name, with their open connections."""

    def __init__(self) -> None:
        self.members: dict[str, WebSocket] = {}

    def names(self) -> list[str]:
        return sorted(self.members)

    def join(self, name: str, websocket: WebSocket) -> None:
        """Add a member; ValueError if the name is already taken in this room."""
        if name in self.members:
            raise ValueError(f"{name!r} is already in this room")
        self.members[name] = websocket

    def leave(self, name: str) -> None:
        """Remove a member (no error if already gone)."""
        self.members.pop(name, None)

    async def broadcast(self, message: dict[str, Any]) -> None:
        """Send `message` as JSON to every member."""
        for websocket in list(self.members.values()):
            await websocket.send_json(message)


def create_app() -> FastAPI:
    """The app, with its own rooms (so each test, and each app, starts empty)."""
    app = FastAPI()
    rooms: dict[str, Room] = {}

    @app.websocket("/ws/echo")
    async def echo(websocket: WebSocket) -> None:
        await websocket.accept()
        try:
            while True:
                text = await websocket.receive_text()
                await websocket.send_text(f"echo: {text}")
        except WebSocketDisconnect:
            return

    @app.websocket("/ws/rooms/{room_name}")
    async def chat(websocket: WebSocket, room_name: str, name: str = "") -> None:
        name = name.strip()
        room = rooms.setdefault(room_name, Room())
        if not name or name in room.members:
            await websocket.close(code=status.WS_1008_POLICY_VIOLATION, reason="a unique, non-blank name is required")
            return
        await websocket.accept()
        room.join(name, websocket)
        await room.broadcast({"type": "joined", "name": name, "members": room.names()})
        try:
            while True:
                data = await websocket.receive_json()
                text = str(data.get("text", "")).strip() if isinstance(data, dict) else ""
                if not text or len(text) > MAX_TEXT:
                    await websocket.send_json({"type": "error", "detail": f"text must be 1 to {MAX_TEXT} characters"})
                    continue
                await room.broadcast({"type": "message", "from": name, "text": text})
        except WebSocketDisconnect:
            room.leave(name)
            await room.broadcast({"type": "left", "name": name, "members": room.names()})

    return app
