"""One authenticated socket and its bounded outbox, which your `LocalRooms` and `ChatServer` use. (Given.)"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from dataclasses import dataclass

from starlette.websockets import WebSocket, WebSocketDisconnect

from .chat_limits import TokenBucket

WS_GOING_AWAY = 1001
WS_TRY_AGAIN_LATER = 1013


@dataclass(frozen=True)
class Close:
    """An instruction in an outbox: close the socket with this code once what is queued before it is sent."""

    code: int
    reason: str


class Connection:
    """One authenticated socket. Everything sent to it goes through a bounded outbox and one writer task,
    so a slow client can never stall a broadcast: when its outbox is full it is disconnected instead."""

    def __init__(self, websocket: WebSocket, user: str, bucket: TokenBucket, outbox_size: int) -> None:
        self.websocket = websocket
        self.user = user
        self.bucket = bucket
        self.rooms: set[str] = set()
        self._outbox: asyncio.Queue[str | Close] = asyncio.Queue(maxsize=outbox_size)
        self._closing = False

    def offer(self, payload: str) -> None:
        """Queue one event without waiting; a full outbox means the client cannot keep up, so close it."""
        if self._closing:
            return
        try:
            self._outbox.put_nowait(payload)
        except asyncio.QueueFull:
            self._drain()
            self.close_soon(WS_TRY_AGAIN_LATER, "too slow: outbox full")

    def send_event(self, event: Mapping[str, object]) -> None:
        """Queue one event (a dict) as JSON."""
        self.offer(json.dumps(event))

    def close_soon(self, code: int, reason: str) -> None:
        """Close after what is already queued has been sent."""
        if self._closing:
            return
        self._closing = True
        if self._outbox.full():
            self._drain()
        self._outbox.put_nowait(Close(code, reason))

    def _drain(self) -> None:
        while not self._outbox.empty():
            self._outbox.get_nowait()

    async def write_loop(self) -> Close | None:
        """Send queued events in order until a `Close` comes up (returned) or the client goes away (None)."""
        while True:
            item = await self._outbox.get()
            if isinstance(item, Close):
                return item
            try:
                await self.websocket.send_text(item)
            except (WebSocketDisconnect, RuntimeError, OSError):
                return None
