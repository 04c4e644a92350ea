"""The EventBus over NATS (core NATS with the plain nats-py client)."""

from __future__ import annotations

import logging

from nats.aio.client import Client

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
        raise NotImplementedError("connect: write me (task 17)")

    def subject(self, event_type: str) -> str:
        return f"{self._prefix}.{event_type}"

    def _connected(self) -> Client:
        if self._client is None:
            raise RuntimeError("NatsBus: call connect() first")
        return self._client

    async def publish(self, event: Event) -> None:
        """Send `event` as JSON on `subject(event.type)`, and flush so it has left when this returns."""
        raise NotImplementedError("publish: write me (task 17)")

    async def subscribe(self, event_type: str, handler: Handler, *, group: str | None = None) -> None:
        """Call `handler` with each valid event on `subject(event_type)`; `group` is the NATS queue group."""

        raise NotImplementedError("subscribe: write me (task 17)")

    async def close(self) -> None:
        """Drain the connection (finish what is in flight), if there is one."""
        raise NotImplementedError("close: write me (task 17)")
