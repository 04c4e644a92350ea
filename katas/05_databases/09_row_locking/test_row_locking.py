"""Tests for the row-locking kata, on SQLite and (when DATABASE_URL is set) PostgreSQL.

The races run on PostgreSQL only (SQLite has no row locks: it lets one transaction write at a time).
Each race uses real connections side by side: a "holder" connection takes a row lock the way
another worker would, your function starts in one or two threads, and the test waits until
they are blocked on that lock (it reads `pg_stat_activity`) or finished, before letting go.
Where it helps, every INSERT or UPDATE your code sends is slowed by 0.3 s, to widen the gap
between a check and its write the way a busy server does.

Mistakes these tests catch: no row lock (read, decide, write), the lock taken after the read,
the lock taken in a transaction of its own, `FOR SHARE` instead of `FOR UPDATE`, `FOR UPDATE`
without `SKIP LOCKED` (workers wait for each other instead of taking the next job), no lock on a job
claim, a retry of every error, one attempt too many or too few, work run at the default
isolation level (READ COMMITTED), where the lost update goes through unnoticed.
"""

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
from psycopg import errors
from row_locking import SoldOutError, UnknownEventError, claim_job, reserve, run_serializable
from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    event,
    insert,
    select,
    text,
)
from sqlalchemy.exc import OperationalError

metadata = MetaData()
events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", String(80), nullable=False),
    Column("capacity", Integer, nullable=False),
)
reservations = Table(
    "reservations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, nullable=False),
    Column("guest", String(80), nullable=False),
    Column("seats", Integer, nullable=False),
)
jobs = Table(
    "jobs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("task", String(80), nullable=False),
    Column("status", String(20), nullable=False),
    Column("worker", String(40)),
)
counters = Table(
    "counters",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", Integer, nullable=False),
)
JOBS = {1: "queued", 2: "queued", 3: "done", 4: "queued", 5: "queued"}


def fill(engine: Engine) -> Engine:
    """Create the tables: a concert for 10 and a talk for 3, five jobs (job 3 done), a visit counter at 0."""
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            insert(events), [{"id": 1, "name": "Concert", "capacity": 10}, {"id": 2, "name": "Talk", "capacity": 3}]
        )
        conn.execute(
            insert(jobs), [{"id": i, "task": f"send mail {i}", "status": s, "worker": None} for i, s in JOBS.items()]
        )
        conn.execute(insert(counters), {"name": "visits", "value": 0})
    return engine


@pytest.fixture
def db(engine: Engine) -> Engine:
    """The tables, filled, on SQLite and on PostgreSQL."""
    return fill(engine)


@pytest.fixture
def pg(postgres_schema_url: str) -> Iterator[Engine]:
    """The tables, filled, on PostgreSQL only: the database that runs transactions side by side."""
    engine = create_engine("postgresql+psycopg://" + postgres_schema_url.split("://", 1)[1])
    yield fill(engine)
    engine.dispose()


@pytest.fixture
def watcher(postgres_schema_url: str) -> Iterator[psycopg.Connection[Any]]:
    """A connection of the test's own, to look at pg_stat_activity."""
    with psycopg.connect(postgres_schema_url, autocommit=True) as conn:
        yield conn


def booked(engine: Engine) -> list[tuple[int, str, int]]:
    """Every reservation as (event_id, guest, seats), read through a fresh connection."""
    with engine.connect() as conn:
        query = select(reservations.c.event_id, reservations.c.guest, reservations.c.seats).order_by(reservations.c.id)
        return [(e, g, s) for e, g, s in conn.execute(query)]


def job_rows(engine: Engine) -> dict[int, tuple[str, str | None]]:
    """Every job's (status, worker), read through a fresh connection."""
    with engine.connect() as conn:
        return {i: (s, w) for i, s, w in conn.execute(select(jobs.c.id, jobs.c.status, jobs.c.worker))}


def track_connections(engine: Engine) -> list[int]:
    """The backend pids of the connections the engine opens from now on."""
    engine.dispose()  # every connection from here on is new, so the listener sees each one
    pids: list[int] = []
    event.listen(engine, "connect", lambda dbapi, _: pids.append(dbapi.info.backend_pid))
    return pids


def slow_writes(engine: Engine) -> None:
    """Make every INSERT and UPDATE sent through the engine wait 0.3 s first."""

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE")):
            time.sleep(0.3)

    event.listen(engine, "before_cursor_execute", before)


def start(calls: list[Callable[[], Any]], outcomes: list[str]) -> list[threading.Thread]:
    """Run each call in a thread; record its result, or the name of the error it raised."""

    def run(call: Callable[[], Any]) -> None:
        try:
            outcomes.append(repr(call()))
        except Exception as error:  # shown in the assertion: an error in a thread is lost otherwise
            outcomes.append(type(error).__name__)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    return threads


def blocked(watcher: psycopg.Connection[Any], pids: list[int], threads: list[threading.Thread], count: int) -> bool:
    """Wait (5 s at most) until `count` of the pids wait for a lock (True) or every thread has finished (False)."""
    query = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid = ANY(%s)"
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        row = watcher.execute(query, (pids,)).fetchone()
        if row is not None and row[0] >= count:
            return True
        if not any(thread.is_alive() for thread in threads):
            return False
        time.sleep(0.02)
    return False


def finish(threads: list[threading.Thread]) -> None:
    for thread in threads:
        thread.join(timeout=30)


@pytest.mark.task(taskno=1)
def test_reserve_books_seats_and_returns_the_new_id(db: Engine) -> None:
    first = reserve(db, 1, "Ada", 4)
    second = reserve(db, 2, "Bo", 3)
    assert isinstance(first, int), f"reserve should return the new reservation's id, got {first!r}"
    assert second != first, "each reservation gets an id of its own"
    assert booked(db) == [(1, "Ada", 4), (2, "Bo", 3)], "both reservations should be committed"


@pytest.mark.task(taskno=1)
def test_reserve_fills_an_event_exactly_and_no_further(db: Engine) -> None:
    reserve(db, 1, "Ada", 4)
    reserve(db, 2, "Bo", 2)  # another event's seats do not count
    with pytest.raises(SoldOutError, match="event 1 has only 6 seats left"):
        reserve(db, 1, "Cy", 7)
    reserve(db, 1, "Cy", 6)
    with pytest.raises(SoldOutError, match="event 1 has only 0 seats left"):
        reserve(db, 1, "Di", 1)
    assert booked(db) == [(1, "Ada", 4), (2, "Bo", 2), (1, "Cy", 6)], "refused reservations must not be stored"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("seats", [0, -2])
def test_reserve_refuses_no_seats(db: Engine, seats: int) -> None:
    with pytest.raises(ValueError, match="positive"):
        reserve(db, 1, "Ada", seats)
    assert booked(db) == [], "a refused reservation changes nothing"


@pytest.mark.task(taskno=1)
def test_reserve_refuses_an_unknown_event(db: Engine) -> None:
    with pytest.raises(UnknownEventError, match="no event with id 99"):
        reserve(db, 99, "Ada", 1)
    assert booked(db) == [], "a refused reservation changes nothing"


@pytest.mark.task(taskno=1)
def test_a_reservation_waits_for_one_in_progress_then_counts_it(pg: Engine, watcher: psycopg.Connection[Any]) -> None:
    """Another booking holds the concert row and has taken 6 seats, not yet committed; yours asks for 6."""
    pids = track_connections(pg)
    slow_writes(pg)
    outcomes: list[str] = []
    with pg.connect() as holder:
        holder.execute(text("SELECT capacity FROM events WHERE id = 1 FOR UPDATE"))
        holder.execute(text("INSERT INTO reservations (event_id, guest, seats) VALUES (1, 'Other', 6)"))
        threads = start([lambda: reserve(pg, 1, "Ada", 6)], outcomes)
        waited = blocked(watcher, pids, threads, 1)
        holder.commit()
    finish(threads)
    assert waited, (
        "reserve did not wait for the booking in progress: lock the event row"
        " (SELECT ... FROM events WHERE id = ... FOR UPDATE) before you count the seats taken"
    )
    assert outcomes == ["SoldOutError"], f"after the other booking's 6 seats, 6 more do not fit into 10: {outcomes}"
    assert booked(pg) == [(1, "Other", 6)], "the concert is overbooked"


@pytest.mark.task(taskno=1)
def test_two_reservations_at_once_cannot_overbook(pg: Engine, watcher: psycopg.Connection[Any]) -> None:
    """Ada and Bo each ask for 6 of the concert's 10 seats at the same moment: only one may get them."""
    pids = track_connections(pg)
    slow_writes(pg)
    outcomes: list[str] = []
    with pg.connect() as holder:
        holder.execute(text("SELECT capacity FROM events WHERE id = 1 FOR UPDATE"))  # both start while it is held
        threads = start([lambda: reserve(pg, 1, "Ada", 6), lambda: reserve(pg, 1, "Bo", 6)], outcomes)
        blocked(watcher, pids, threads, 2)
        holder.rollback()
    finish(threads)
    refused = [outcome for outcome in outcomes if outcome == "SoldOutError"]
    assert (len(outcomes), len(refused)) == (2, 1), (
        f"two reservations of 6 out of 10 at once: one must be refused, got {outcomes}; booked {booked(pg)}."
        " Keep the event row locked (FOR UPDATE) from before the count until the INSERT is committed:"
        " all in ONE transaction"
    )


@pytest.mark.task(taskno=2)
def test_claims_queued_jobs_oldest_first_until_none_is_left(db: Engine) -> None:
    claimed = [claim_job(db, f"w{n}") for n in range(1, 6)]
    assert claimed == [1, 2, 4, 5, None], "the oldest queued job first; job 3 is done; None once nothing is queued"
    assert job_rows(db) == {
        1: ("running", "w1"),
        2: ("running", "w2"),
        3: ("done", None),
        4: ("running", "w3"),
        5: ("running", "w4"),
    }, "a claimed job is 'running', with the worker's name, committed"


@pytest.mark.task(taskno=2)
def test_a_queue_with_nothing_queued_gives_none(db: Engine) -> None:
    with db.begin() as conn:
        conn.execute(jobs.update().values(status="done"))
    before = job_rows(db)
    assert claim_job(db, "w1") is None, "no queued job: claim_job returns None"
    assert job_rows(db) == before, "claiming nothing changes nothing"


@pytest.mark.task(taskno=2)
def test_a_worker_skips_the_job_another_one_is_claiming(pg: Engine, watcher: psycopg.Connection[Any]) -> None:
    """Another worker is in the middle of claiming job 1 (it holds the row); claim_job must take job 2 at once."""
    pids = track_connections(pg)
    outcomes: list[str] = []
    with pg.connect() as holder:
        holder.execute(text("SELECT id FROM jobs WHERE id = 1 FOR UPDATE"))
        threads = start([lambda: claim_job(pg, "w2")], outcomes)
        waited = blocked(watcher, pids, threads, 1)
        holder.rollback()
    finish(threads)
    assert not waited, (
        "claim_job waited for job 1, which another worker holds: add SKIP LOCKED so it passes over that row"
    )
    assert outcomes == ["2"], f"job 1 is being claimed by another worker, so this one gets job 2: {outcomes}"


@pytest.mark.task(taskno=2)
def test_two_workers_never_claim_the_same_job(pg: Engine) -> None:
    slow_writes(pg)
    outcomes: list[str] = []
    finish(start([lambda: claim_job(pg, "w1"), lambda: claim_job(pg, "w2")], outcomes))
    assert sorted(outcomes) == ["1", "2"], (
        f"two workers at once should get jobs 1 and 2, got {outcomes}: lock the row you pick (FOR UPDATE),"
        " and skip the ones locked by others (SKIP LOCKED) instead of waiting for them"
    )
    rows = job_rows(pg)
    assert {rows[1][1], rows[2][1]} == {"w1", "w2"}, f"each job names the worker that claimed it: {rows}"


def visit(conn: Connection) -> int:
    """Work for run_serializable: read the counter, add one in Python, write it back."""
    value = conn.execute(select(counters.c.value).where(counters.c.name == "visits")).scalar_one()
    conn.execute(counters.update().where(counters.c.name == "visits").values(value=value + 1))
    return int(value + 1)


def visits(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(counters.c.value)).scalar_one())


def serialization_failure() -> OperationalError:
    """The error SQLAlchemy raises when PostgreSQL refuses a transaction with SQLSTATE 40001."""
    return OperationalError("UPDATE counters ...", {}, errors.SerializationFailure("could not serialize access"))


@pytest.mark.task(taskno=3)
def test_returns_what_the_work_returns_and_commits_it(db: Engine) -> None:
    assert run_serializable(db, visit) == 1, "run_serializable returns work(conn)'s result"
    assert visits(db) == 1, "the work's changes are committed"


@pytest.mark.task(taskno=3)
def test_runs_the_work_in_a_serializable_transaction(db: Engine) -> None:
    def level(conn: Connection) -> tuple[str, bool]:
        return conn.get_isolation_level(), conn.in_transaction()

    assert run_serializable(db, level) == ("SERIALIZABLE", True), (
        "open the connection with execution_options(isolation_level='SERIALIZABLE') and begin a transaction"
    )


@pytest.mark.task(taskno=3)
def test_retries_after_a_serialization_failure_in_a_new_transaction(db: Engine) -> None:
    calls: list[int] = []

    def flaky(conn: Connection) -> str:
        calls.append(visit(conn))  # each attempt writes before it fails: the failed ones must leave nothing
        if len(calls) < 3:
            raise serialization_failure()
        return "done"

    assert run_serializable(db, flaky) == "done"
    assert len(calls) == 3, f"two serialization failures, then success: 3 calls in all, got {len(calls)}"
    assert calls == [1, 1, 1], f"each attempt should start afresh (the failed one rolled back): it read {calls}"
    assert visits(db) == 1, "only the attempt that succeeded is committed"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("attempts", [1, 2, 3])
def test_gives_up_after_the_last_attempt(db: Engine, attempts: int) -> None:
    calls: list[int] = []

    def hopeless(conn: Connection) -> None:
        calls.append(visit(conn))
        raise serialization_failure()

    with pytest.raises(OperationalError, match="could not serialize"):
        run_serializable(db, hopeless, attempts=attempts)
    assert len(calls) == attempts, f"attempts={attempts} means {attempts} calls of work in all, got {len(calls)}"
    assert visits(db) == 0, "no failed attempt may stay committed"


@pytest.mark.task(taskno=3)
def test_tries_three_times_by_default(db: Engine) -> None:
    calls: list[int] = []

    def hopeless(conn: Connection) -> None:
        calls.append(0)
        raise serialization_failure()

    with pytest.raises(OperationalError):
        run_serializable(db, hopeless)
    assert len(calls) == 3, f"three attempts by default, got {len(calls)}"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    "error",
    [
        ValueError("bad input"),
        OperationalError("SELECT ...", {}, errors.QueryCanceled("canceling statement")),
        OperationalError("SELECT ...", {}, sqlite3.OperationalError("database is locked")),  # has no sqlstate
    ],
    ids=["value-error", "query-canceled", "sqlite-locked"],
)
def test_other_errors_are_not_retried(db: Engine, error: Exception) -> None:
    calls: list[int] = []

    def broken(conn: Connection) -> None:
        calls.append(visit(conn))
        raise error

    with pytest.raises(type(error)):
        run_serializable(db, broken)
    assert len(calls) == 1, (
        f"only a serialization failure (SQLSTATE 40001) is worth another try; {error!r} was tried {len(calls)} times"
    )
    assert visits(db) == 0, "the failed attempt is rolled back"


@pytest.mark.task(taskno=3)
def test_refuses_fewer_than_one_attempt(db: Engine) -> None:
    calls: list[int] = []
    with pytest.raises(ValueError, match="at least 1"):
        run_serializable(db, lambda conn: calls.append(0), attempts=0)
    assert calls == [], "with no attempt allowed, work is never called"


@pytest.mark.task(taskno=3)
def test_a_concurrent_change_is_retried_not_lost(pg: Engine, watcher: psycopg.Connection[Any]) -> None:
    """Another transaction adds one to the counter while yours has read it: yours must fail, retry and add one more."""
    pids = track_connections(pg)
    calls: list[int] = []
    outcomes: list[str] = []

    def counted_visit(conn: Connection) -> int:
        calls.append(0)
        return visit(conn)

    with pg.connect() as holder:
        holder.execute(text("UPDATE counters SET value = value + 1 WHERE name = 'visits'"))  # holds the row
        threads = start([lambda: run_serializable(pg, counted_visit)], outcomes)
        blocked(watcher, pids, threads, 1)  # your UPDATE waits for the row; your read saw 0
        holder.commit()
    finish(threads)
    assert visits(pg) == 2, (
        f"two visits counted as {visits(pg)}: a lost update. At READ COMMITTED your UPDATE overwrote the other"
        " transaction's change with a value computed from an old read; run the work at SERIALIZABLE"
    )
    assert (outcomes, len(calls)) == (["2"], 2), (
        f"PostgreSQL refuses the first attempt (SQLSTATE 40001); the retry reads 1 and writes 2: got {outcomes},"
        f" work called {len(calls)} times"
    )
