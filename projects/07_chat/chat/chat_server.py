"""The chat protocol over one socket: authenticate, then join, leave, message and typing events.

Client to server (JSON text frames):
    {"type": "join", "room": "lobby"}              {"type": "leave", "room": "lobby"}
    {"type": "message", "room": "lobby", "text": "hi"}
    {"type": "typing", "room": "lobby", "typing": true}
Server to client: `joined`, `left`, `presence`, `message`, `typing`, `error` (see the README).
"""

from __future__ import annotations

import contextlib  # noqa: F401  # the imports the reference uses: you will need most of them
import json  # noqa: F401
import logging
from collections.abc import Awaitable, Callable  # noqa: F401
from typing import Any

import anyio
import anyio.abc  # noqa: F401
from sqlalchemy.exc import SQLAlchemyError  # noqa: F401
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState  # noqa: F401

from .chat_auth import AuthError, verify_token  # noqa: F401
from .chat_connection import WS_GOING_AWAY, Close, Connection
from .chat_hub import Hub
from .chat_limits import TokenBucket, utf8_size  # noqa: F401
from .chat_protocol import ProtocolError, valid_room  # noqa: F401
from .chat_rooms import LocalRooms
from .chat_settings import Settings
from .chat_store import MessageStore

log = logging.getLogger(__name__)

WS_POLICY_VIOLATION = 1008
WS_MESSAGE_TOO_BIG = 1009
CLEANUP_SECONDS = 5.0


def parse_event(raw: str) -> dict[str, Any]:
    """A client frame as a dict with a known `type` and a valid `room`; `ProtocolError("bad_request")` otherwise.

    Refuse: not JSON, not an object, an unknown `type`, a `room` that `valid_room` refuses, a `message`
    without a non-blank string `text`, a `typing` whose `typing` is not true or false.
    """
    raise NotImplementedError("parse_event: write me (milestone 3)")


class ChatServer:
    """The protocol for every socket of this process; rooms span processes through the `hub`."""

    def __init__(self, settings: Settings, hub: Hub, store: MessageStore) -> None:
        self.settings = settings
        self.hub = hub
        self.store = store
        self.rooms = LocalRooms()

    async def serve(self, websocket: WebSocket) -> None:
        """Run one connection from handshake to close (milestone 3).

        Accept; verify the `token` query parameter (close with 1008 if it fails); make a `Connection`;
        run `_read_loop` and `connection.write_loop()` side by side until either ends (an anyio task
        group); then leave every room the connection is in and close with the `Close` returned, if any.
        """
        raise NotImplementedError("ChatServer.serve: write me (milestone 3)")

    async def _read_loop(self, connection: Connection) -> Close | None:
        """Handle frames until the client leaves (return None) or must be thrown out (return the `Close`).

        Milestone 3: parse each text frame and `_handle` it; a `ProtocolError` becomes an `error` event.
        Milestone 4: a frame over `max_frame_bytes` ends the connection with 1009; every frame takes a
        token from `connection.bucket` (`rate_limited` error when empty).
        """
        raise NotImplementedError("ChatServer._read_loop: write me (milestone 3)")

    async def _handle(self, connection: Connection, event: dict[str, Any]) -> None:
        """Dispatch one parsed event: join, or (only for a room the connection is in) leave, typing, message."""
        raise NotImplementedError("ChatServer._handle: write me (milestone 3)")

    async def _join(self, connection: Connection, room: str) -> None:
        """Add locally, count in the hub, reply `joined` with the history, publish `presence` (event "join")."""
        raise NotImplementedError("ChatServer._join: write me (milestone 3)")

    async def _leave(self, connection: Connection, room: str, *, tell_leaver: bool) -> None:
        """Remove locally, reply `left` if asked, uncount in the hub, publish `presence` (event "leave")."""
        raise NotImplementedError("ChatServer._leave: write me (milestone 3)")

    async def _message(self, connection: Connection, room: str, text: str) -> None:
        """Check the size (milestone 4), store the message, publish its `message` event."""
        raise NotImplementedError("ChatServer._message: write me (milestone 3)")

    def shutdown(self) -> None:
        """Ask every open connection to close (1001, going away) after what it has queued."""
        for connection in tuple(self.rooms.connections):
            connection.close_soon(WS_GOING_AWAY, "server shutting down")
