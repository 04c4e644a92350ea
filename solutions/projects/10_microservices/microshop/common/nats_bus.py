"""The EventBus over NATS (core NATS with the plain nats-py client)."""

from __future__ import annotations

import logging

import nats
from nats.aio.client import Client
from nats.aio.msg import Msg
from pydantic import ValidationError

from microshop.common.events import Event, Handler

log = logging.getLogger(__name__)


class NatsBus:
    """Events travel as JSON on the subject `<prefix>.<event type>`, e.g. `microshop.order.placed`."""

    def __init__(self, url: str, prefix: str) -> None:
        self._url = url
        self._prefix = prefix
        self._client: Client | None = None

    async def connect(self) -> None:
        """Connect to the server at `url` (a short connect timeout: fail fast at start-up)."""
        self._client = await nats.connect(self._url, connect_timeout=2, max_reconnect_attempts=5, name=self._prefix)

    def subject(self, event_type: str) -> str:
        return f"{self._prefix}.{event_type}"

    def _connected(self) -> Client:
        if self._client is None:
            raise RuntimeError("NatsBus: call connect() first")
        return self._client

    async def publish(self, event: Event) -> None:
        """Send `event` as JSON on `subject(event.type)`, and flush so it has left when this returns."""
        client = self._connected()
        await client.publish(self.subject(event.type), event.model_dump_json().encode())
        await client.flush(timeout=2)

    async def subscribe(self, event_type: str, handler: Handler, *, group: str | None = None) -> None:
        """Call `handler` with each valid event on `subject(event_type)`; `group` is the NATS queue group."""

        async def on_message(message: Msg) -> None:
            try:
                event = Event.model_validate_json(message.data)
            except ValidationError:
                log.warning("dropped a malformed message on %s", message.subject)
                return
            try:
                await handler(event)
            except Exception:  # a handler's failure must not kill the subscription
                log.exception("handler for %s failed on event %s", event.type, event.id)

        await self._connected().subscribe(self.subject(event_type), queue=group or "", cb=on_message)
        await self._connected().flush(timeout=2)

    async def close(self) -> None:
        """Drain the connection (finish what is in flight), if there is one."""
        if self._client is not None and not self._client.is_closed:
            await self._client.drain()
        self._client = None
