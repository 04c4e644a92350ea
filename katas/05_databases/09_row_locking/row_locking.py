"""Row locks: read, decide in Python, then write, with no other transaction slipping in between.

Tables (made by the tests):
    events(id, name, capacity)
    reservations(id, event_id, guest, seats)
    jobs(id, task, status, worker)          -- status: 'queued', 'running' or 'done'
"""

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection, Engine

T = TypeVar("T")


class UnknownEventError(LookupError):
    """An event id that is not in the events table."""


class SoldOutError(ValueError):
    """The event has fewer seats left than asked for."""


def reserve(engine: Engine, event_id: int, guest: str, seats: int) -> int:
    """Reserve `seats` seats of an event for `guest`; return the new reservation's id."""
    raise NotImplementedError("reserve: write me (task 1)")


def claim_job(engine: Engine, worker: str) -> int | None:
    """Mark the oldest queued job that no other worker is claiming as running by `worker`; return its id."""
    raise NotImplementedError("claim_job: write me (task 2)")


def run_serializable(engine: Engine, work: Callable[[Connection], T], attempts: int = 3) -> T:
    """Run `work(conn)` in a SERIALIZABLE transaction, again in a new one after a serialization failure."""
    raise NotImplementedError("run_serializable: write me (task 3)")
