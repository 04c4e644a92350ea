"""Given, not to edit: the slow sources and the load coroutine your functions in asyncio_basics.py run."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field


class SourceError(Exception):
    """A source failed to load."""


@dataclass(frozen=True)
class Source:
    """Something slow to load: `seconds` of waiting, then data (or a SourceError when `fails`)."""

    name: str
    seconds: float
    fails: bool = False


@dataclass
class Log:
    """What happened, in order: "start x", "done x", "failed x", "cancelled x"."""

    events: list[str] = field(default_factory=list)


async def load(source: Source, log: Log) -> str:
    """Wait `source.seconds`, then return "<name> data" or raise SourceError."""
    log.events.append(f"start {source.name}")
    try:
        await asyncio.sleep(source.seconds)
    except asyncio.CancelledError:
        log.events.append(f"cancelled {source.name}")
        raise
    if source.fails:
        log.events.append(f"failed {source.name}")
        raise SourceError(f"{source.name} is down")
    log.events.append(f"done {source.name}")
    return f"{source.name} data"
