"""What your `NatsBus` (in `nats_bus.py`) builds on: its state, its subjects, and the stream's name. (Given.)"""

from __future__ import annotations

import re

from nats.aio.client import Client
from nats.js import JetStreamContext


def stream_name(prefix: str) -> str:
    """The JetStream stream holding `<prefix>.>`: the prefix, with what a stream name may not hold as `_`."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", prefix)


class NatsBusBase:
    """The server's URL, the subject prefix, and the client and its JetStream context once `connect` set them."""

    def __init__(self, url: str, prefix: str) -> None:
        self._url = url
        self._prefix = prefix
        self._client: Client | None = None
        self._stream: JetStreamContext | None = None

    def subject(self, event_type: str) -> str:
        return f"{self._prefix}.{event_type}"

    def _connected(self) -> tuple[Client, JetStreamContext]:
        if self._client is None or self._stream is None:
            raise RuntimeError("NatsBus: call connect() first")
        return self._client, self._stream
