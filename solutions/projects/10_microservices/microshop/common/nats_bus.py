"""The EventBus over NATS JetStream: events are stored in a stream, and consumers acknowledge them.

Publishing waits for JetStream's acknowledgement (the event is stored), with the event id as `Nats-Msg-Id`,
so a publish repeated by the outbox relay is stored once. A subscriber with a `group` is a durable consumer
shared by the group: it gets every event, even those published while it was down, and an event is
redelivered until a handler acknowledges it (at-least-once: handlers dedupe by event id). A subscriber
without a group (the gateway's live feed) only hears what is published while it listens.
"""

from __future__ import annotations

import logging

import nats
from nats.aio.msg import Msg
from nats.js.api import ConsumerConfig
from pydantic import ValidationError

from microshop.common.events import Event, Handler
from microshop.common.nats_base import NatsBusBase, stream_name

log = logging.getLogger(__name__)

ACK_WAIT_S = 10.0  # a delivery not acknowledged in this time (the consumer died) is delivered again
MAX_DELIVER = 10  # then the event stays in the stream for a human to look at
RETRY_DELAY_S = 1.0  # after a handler failed: wait this long before the event is delivered again
DUPLICATE_WINDOW_S = 120.0  # JetStream drops a second publish with the same Nats-Msg-Id within this time


class NatsBus(NatsBusBase):
    """Events travel as JSON on the subject `<prefix>.<event type>`, e.g. `microshop.order.placed`."""

    async def connect(self) -> None:
        """Connect (a short timeout: fail fast at start-up) and make sure the stream exists."""
        self._client = await nats.connect(self._url, connect_timeout=2, max_reconnect_attempts=5, name=self._prefix)
        self._stream = self._client.jetstream(timeout=2)
        await self._stream.add_stream(
            name=stream_name(self._prefix), subjects=[f"{self._prefix}.>"], duplicate_window=DUPLICATE_WINDOW_S
        )

    async def publish(self, event: Event) -> None:
        """Store `event` as JSON on `subject(event.type)`; returns once JetStream acknowledged it."""
        _, stream = self._connected()
        data = event.model_dump_json().encode()
        await stream.publish(self.subject(event.type), data, headers={"Nats-Msg-Id": event.id})

    async def subscribe(self, event_type: str, handler: Handler, *, group: str | None = None) -> None:
        """Call `handler` with each valid event on `subject(event_type)`: durably and shared by `group`
        (acknowledged after the handler succeeds), or live only without one."""
        client, stream = self._connected()

        async def on_message(message: Msg) -> None:
            durable = group is not None
            try:
                event = Event.model_validate_json(message.data)
            except ValidationError:
                log.warning("dropped a malformed message on %s", message.subject)
                if durable:
                    await message.term()  # never deliver it again
                return
            try:
                await handler(event)
            except Exception:  # a handler's failure must not kill the subscription
                log.exception("handler for %s failed on event %s", event.type, event.id)
                if durable:
                    await message.nak(delay=RETRY_DELAY_S)
                return
            if durable:
                await message.ack()

        subject = self.subject(event_type)
        if group is None:
            await client.subscribe(subject, cb=on_message)
        else:
            name = f"{group}-{event_type.replace('.', '-')}"  # one durable consumer per group and event type
            config = ConsumerConfig(ack_wait=ACK_WAIT_S, max_deliver=MAX_DELIVER)
            await stream.subscribe(subject, queue=name, durable=name, cb=on_message, manual_ack=True, config=config)
        await client.flush(timeout=2)

    async def close(self) -> None:
        """Drain the connection (finish what is in flight), if there is one."""
        if self._client is not None and not self._client.is_closed:
            await self._client.drain()
        self._client = None
        self._stream = None
