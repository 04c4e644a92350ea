"""Given, not to edit: the heartbeat your beats_during in coroutines_and_the_loop.py runs beside the work."""

from __future__ import annotations

import asyncio
import time


async def heartbeat(beats: list[float], every: float, until: float) -> None:
    """Every `every` seconds until the clock reads `until`, note the time in `beats`."""
    while time.perf_counter() < until:
        await asyncio.sleep(every)
        beats.append(time.perf_counter())
