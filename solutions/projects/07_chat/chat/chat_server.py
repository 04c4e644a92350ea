"""The chat protocol over one socket: authenticate, then join, leave, message and typing events.

Client to server (JSON text frames):
    {"type": "join", "room": "lobby"}              {"type": "leave", "room": "lobby"}
    {"type": "message", "room": "lobby", "text": "hi"}
    {"type": "typing", "room": "lobby", "typing": true}
Server to client: `joined`, `left`, `presence`, `message`, `typing`, `error` (see the README).
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import anyio.abc
from sqlalchemy.exc import SQLAlchemyError
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from .chat_auth import AuthError, verify_token
from .chat_connection import WS_GOING_AWAY, Close, Connection
from .chat_hub import Hub
from .chat_limits import TokenBucket, utf8_size
from .chat_protocol import ProtocolError, valid_room
from .chat_rooms import LocalRooms
from .chat_settings import Settings
from .chat_store import MessageStore

log = logging.getLogger(__name__)

WS_POLICY_VIOLATION = 1008
WS_MESSAGE_TOO_BIG = 1009
CLEANUP_SECONDS = 5.0


def parse_event(raw: str) -> dict[str, Any]:
    """A client frame as a dict with a known `type` and a valid `room`; `ProtocolError("bad_request")` otherwise."""
    try:
        event = json.loads(raw)
    except ValueError as error:
        raise ProtocolError("bad_request", "frames must be JSON objects") from error
    if not isinstance(event, dict) or event.get("type") not in ("join", "leave", "message", "typing"):
        raise ProtocolError("bad_request", "type must be one of join, leave, message, typing")
    if not valid_room(event.get("room")):
        raise ProtocolError("bad_request", "room must be 1-32 of a-z, 0-9, _ and -")
    if event["type"] == "message" and not (isinstance(event.get("text"), str) and event["text"].strip()):
        raise ProtocolError("bad_request", "a message needs a non-blank text")
    if event["type"] == "typing" and not isinstance(event.get("typing"), bool):
        raise ProtocolError("bad_request", "typing must be true or false")
    return event


class ChatServer:
    """The protocol for every socket of this process; rooms span processes through the `hub`."""

    def __init__(self, settings: Settings, hub: Hub, store: MessageStore) -> None:
        self.settings = settings
        self.hub = hub
        self.store = store
        self.rooms = LocalRooms()

    async def serve(self, websocket: WebSocket) -> None:
        """Run one connection from handshake to close."""
        await websocket.accept()  # accept first, so a browser sees our close code, not a failed handshake
        try:
            user = verify_token(websocket.query_params.get("token"), self.settings.secret_key)
        except AuthError as error:
            await websocket.close(code=WS_POLICY_VIOLATION, reason=str(error)[:120])
            return
        settings = self.settings
        bucket = TokenBucket(settings.rate_burst, settings.rate_per_second)
        connection = Connection(websocket, user, bucket, settings.outbox_size)
        self.rooms.connections.add(connection)
        outcome: list[Close | None] = []

        async def run_until_done(loop: Callable[[], Awaitable[Close | None]], group: anyio.abc.TaskGroup) -> None:
            outcome.append(await loop())
            group.cancel_scope.cancel()  # the first loop to finish ends the other

        try:
            async with anyio.create_task_group() as group:
                group.start_soon(run_until_done, lambda: self._read_loop(connection), group)
                group.start_soon(run_until_done, connection.write_loop, group)
        finally:
            self.rooms.connections.discard(connection)
            with anyio.move_on_after(CLEANUP_SECONDS, shield=True):  # say goodbye even while being cancelled
                for room in tuple(connection.rooms):
                    await self._leave(connection, room, tell_leaver=False)
        close = outcome[0] if outcome else None
        if close is not None and websocket.application_state == WebSocketState.CONNECTED:
            with contextlib.suppress(WebSocketDisconnect, RuntimeError, OSError):
                await websocket.close(code=close.code, reason=close.reason)

    async def _read_loop(self, connection: Connection) -> Close | None:
        """Handle frames until the client leaves (None) or must be thrown out (the `Close` to send)."""
        while True:
            message = await connection.websocket.receive()
            if message["type"] == "websocket.disconnect":
                return None
            raw: str = message.get("text") or ""
            size = utf8_size(raw) if "text" in message else len(message.get("bytes") or b"")
            if size > self.settings.max_frame_bytes:
                return Close(WS_MESSAGE_TOO_BIG, f"frames are limited to {self.settings.max_frame_bytes} bytes")
            try:
                wait = connection.bucket.try_acquire()
                if wait:
                    raise ProtocolError("rate_limited", f"slow down: try again in {wait:.2f} s")
                await self._handle(connection, parse_event(raw))
            except ProtocolError as error:
                connection.send_event({"type": "error", "code": error.code, "detail": error.detail})

    async def _handle(self, connection: Connection, event: dict[str, Any]) -> None:
        room: str = event["room"]
        kind = event["type"]
        if kind == "join":
            await self._join(connection, room)
            return
        if room not in connection.rooms:
            raise ProtocolError("not_in_room", f"join {room!r} first")
        if kind == "leave":
            await self._leave(connection, room, tell_leaver=True)
        elif kind == "typing":
            typing = {"type": "typing", "room": room, "user": connection.user, "typing": event["typing"]}
            await self.hub.publish(room, json.dumps(typing))
        else:
            await self._message(connection, room, event["text"])

    async def _join(self, connection: Connection, room: str) -> None:
        already = room in connection.rooms
        if not already and len(connection.rooms) >= self.settings.max_rooms_per_connection:
            raise ProtocolError("too_many_rooms", f"at most {self.settings.max_rooms_per_connection} rooms at once")
        # Listen before reading the history: a message sent in between may arrive twice, never not at all.
        self.rooms.add(room, connection)
        members = await self.hub.add_member(room, connection.user) if not already else None
        history = await self.store.recent(room, self.settings.history_limit)
        joined = {"type": "joined", "room": room, "history": [m.to_event() for m in history]}
        connection.send_event(joined)
        if members is not None:
            presence = {"type": "presence", "room": room, "event": "join", "user": connection.user, "members": members}
            await self.hub.publish(room, json.dumps(presence))

    async def _leave(self, connection: Connection, room: str, *, tell_leaver: bool) -> None:
        self.rooms.remove(room, connection)
        if tell_leaver:
            connection.send_event({"type": "left", "room": room})
        members = await self.hub.remove_member(room, connection.user)
        presence = {"type": "presence", "room": room, "event": "leave", "user": connection.user, "members": members}
        await self.hub.publish(room, json.dumps(presence))

    async def _message(self, connection: Connection, room: str, text: str) -> None:
        limit = self.settings.max_message_bytes
        if utf8_size(text) > limit:
            raise ProtocolError("too_large", f"messages are limited to {limit} bytes of UTF-8")
        try:
            stored = await self.store.add(room, connection.user, text)
        except SQLAlchemyError as error:
            log.exception("storing a message failed")
            raise ProtocolError("unavailable", "the message could not be stored; try again") from error
        await self.hub.publish(room, json.dumps(stored.to_event()))

    def shutdown(self) -> None:
        """Ask every open connection to close (1001, going away) after what it has queued."""
        for connection in tuple(self.rooms.connections):
            connection.close_soon(WS_GOING_AWAY, "server shutting down")
