"""Pieces every service's bootstrap uses."""

from __future__ import annotations

from microshop.common.events import EventBus
from microshop.common.nats_bus import NatsBus
from microshop.common.settings import Settings


async def open_bus(settings: Settings, given: EventBus | None) -> EventBus:
    """The bus a test passed in, or a NATS connection made from the settings."""
    if given is not None:
        return given
    bus = NatsBus(settings.nats_url, settings.subject_prefix)
    await bus.connect()
    return bus


def health(service: str) -> dict[str, str]:
    return {"status": "ok", "service": service}
