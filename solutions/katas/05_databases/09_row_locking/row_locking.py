"""Row locks: read, decide in Python, then write, with no other transaction slipping in between.

Tables (made by the tests):
    events(id, name, capacity)
    reservations(id, event_id, guest, seats)
    jobs(id, task, status, worker)          -- status: 'queued', 'running' or 'done'
"""

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError

T = TypeVar("T")
SERIALIZATION_FAILURE = "40001"  # the SQLSTATE of "could not serialize access ..."


class UnknownEventError(LookupError):
    """An event id that is not in the events table."""


class SoldOutError(ValueError):
    """The event has fewer seats left than asked for."""


def _lock(engine: Engine, clause: str) -> str:
    """The locking clause on PostgreSQL; nothing on SQLite, which has no row locks (one writer at a time)."""
    return f" {clause}" if engine.dialect.name == "postgresql" else ""


def reserve(engine: Engine, event_id: int, guest: str, seats: int) -> int:
    """Reserve `seats` seats of an event for `guest`; return the new reservation's id."""
    if seats <= 0:
        raise ValueError(f"seats must be positive, got {seats}")
    with engine.begin() as conn:
        # Lock the event row first: a second reservation for the same event waits here until this
        # transaction ends, and then counts the seats this one took.
        capacity = conn.execute(
            text(f"SELECT capacity FROM events WHERE id = :id{_lock(engine, 'FOR UPDATE')}"), {"id": event_id}
        ).scalar_one_or_none()
        if capacity is None:
            raise UnknownEventError(f"no event with id {event_id}")
        taken = conn.execute(
            text("SELECT coalesce(sum(seats), 0) FROM reservations WHERE event_id = :id"), {"id": event_id}
        ).scalar_one()
        if taken + seats > capacity:
            raise SoldOutError(f"event {event_id} has only {capacity - taken} seats left")
        new_id: int = conn.execute(
            text("INSERT INTO reservations (event_id, guest, seats) VALUES (:event, :guest, :seats) RETURNING id"),
            {"event": event_id, "guest": guest, "seats": seats},
        ).scalar_one()
        return new_id


def claim_job(engine: Engine, worker: str) -> int | None:
    """Mark the oldest queued job that no other worker is claiming as running by `worker`; return its id."""
    with engine.begin() as conn:
        # SKIP LOCKED passes over the jobs other workers are claiming right now, instead of waiting
        # for them (and then finding them taken).
        job_id: int | None = conn.execute(
            text(
                "SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1"
                + _lock(engine, "FOR UPDATE SKIP LOCKED")
            )
        ).scalar_one_or_none()
        if job_id is not None:
            conn.execute(
                text("UPDATE jobs SET status = 'running', worker = :worker WHERE id = :id"),
                {"worker": worker, "id": job_id},
            )
        return job_id


def _is_serialization_failure(error: OperationalError) -> bool:
    """Whether the database refused the transaction because a concurrent one changed what it read."""
    return getattr(error.orig, "sqlstate", None) == SERIALIZATION_FAILURE


def run_serializable(engine: Engine, work: Callable[[Connection], T], attempts: int = 3) -> T:
    """Run `work(conn)` in a SERIALIZABLE transaction, again in a new one after a serialization failure."""
    if attempts < 1:
        raise ValueError(f"attempts must be at least 1, got {attempts}")
    attempt = 1
    while True:
        with engine.connect() as conn:
            conn.execution_options(isolation_level="SERIALIZABLE")
            try:
                with conn.begin():  # commits at the end, rolls back if work (or the commit) raises
                    return work(conn)
            except OperationalError as error:
                if attempt == attempts or not _is_serialization_failure(error):
                    raise
        attempt += 1
