"""Shared test fixtures for the katas and projects that use PostgreSQL: a fresh schema, and two-connection races.

A pytest plugin (pyproject.toml loads it with `-p kata.fixtures`), so any test or conftest.py may ask for:

- `postgres_schema_url`: a libpq URL (`postgresql://...?options=-csearch_path%3D...`) whose `search_path` is a
  brand-new schema, dropped after the test. The code under test sees an empty database of its own, and several
  pytest processes can share one server safely. A fixture of another scope (or one making several databases)
  uses `fresh_postgres_schema()` directly.
- `commit_race`: `commit_race(engine, first, *others)`, see `race_at_commit`: reproduces a race between
  transactions every time, instead of now and then.

The server is the one named by `DATABASE_URL` (libpq form, e.g. `postgresql://postgres@127.0.0.1:5432/test`).
A test that needs it is skipped when the variable is unset; when `CI` is set, an unset variable or an
unreachable server FAILS the test instead.

psycopg and SQLAlchemy are imported inside the functions: every test run loads this plugin, most never need them.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn
from urllib.parse import quote

import pytest

if TYPE_CHECKING:
    from sqlalchemy import Engine

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
START_S = 5.0
"""How long the first call of a race may take to reach its commit."""
HOLD_S = 5.0
"""How long the others get, on PostgreSQL, to finish or to wait for a lock (they usually take milliseconds)."""
PATIENCE_S = 0.5
"""How long the others get on a database whose lock waits cannot be seen (SQLite) before the first commits."""
FINISH_S = 10.0
"""How long each call gets to finish once the first is let go."""


def service_unavailable(service: str, reason: str) -> NoReturn:
    """Skip a test that needs `service` (e.g. "PostgreSQL"), or fail it when `CI` says every test must run."""
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so the {service} tests must run: {reason}", pytrace=False)
    pytest.skip(f"{service} test skipped: {reason}")


def sqlalchemy_url(url: str) -> str:
    """Turn a libpq `postgresql://` URL into SQLAlchemy's `postgresql+psycopg://` form; other URLs pass through."""
    for scheme in POSTGRES_SCHEMES:
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url.removeprefix(scheme)
    return url


@contextmanager
def fresh_postgres_schema() -> Iterator[str]:
    """A libpq URL on `DATABASE_URL`'s server whose `search_path` is a brand-new schema, dropped on exit.

    Its connections also run with `synchronous_commit=off`: a test database need not wait for the disk at
    every COMMIT. Usable from a fixture of any scope; skips or fails (see the module docstring) without a server.
    """
    import psycopg
    from psycopg import sql

    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith(POSTGRES_SCHEMES):
        service_unavailable(
            "PostgreSQL",
            "DATABASE_URL is not set to a postgresql:// URL (e.g. postgresql://postgres@127.0.0.1:5432/test)",
        )
    schema = f"kata_{uuid.uuid4().hex}"
    try:
        admin = psycopg.connect(server, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        service_unavailable("PostgreSQL", f"cannot connect to DATABASE_URL: {error}")
    with admin:
        admin.execute("SET lock_timeout = '5s'")  # a connection the test leaked open must not hang the drop
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        separator = "&" if "?" in server else "?"
        options = quote(f"-csearch_path={schema} -csynchronous_commit=off")
        try:
            yield f"{server}{separator}options={options}"
        finally:
            admin.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture
def postgres_schema_url() -> Iterator[str]:
    """A libpq URL whose `search_path` is a brand-new schema, dropped after the test (`fresh_postgres_schema`)."""
    with fresh_postgres_schema() as url:
        yield url


@dataclass(frozen=True)
class Race:
    """What `race_at_commit` saw."""

    outcomes: tuple[object, ...]
    """What each call returned, in the order given; an exception it raised stands in its place."""
    waited: bool
    """Whether the first's open transaction held a later call up: on PostgreSQL one was seen waiting for a
    lock (or was still running after HOLD_S); elsewhere one was still running after PATIENCE_S."""

    def described(self) -> list[object]:
        """The outcomes, each exception written as `ExceptionName: message`."""
        return [
            f"{type(outcome).__name__}: {outcome}" if isinstance(outcome, Exception) else outcome
            for outcome in self.outcomes
        ]


def race_at_commit(engine: Engine, first: Callable[[], object], *others: Callable[[], object]) -> Race:
    """Run `first` and each of `others` in a thread of its own, each on its own connection of `engine`.

    `first` starts alone and pauses just before its commit (SQLAlchemy's "commit" event), holding whatever it
    locked or wrote. Then the others start, and run until each has finished or waits for a lock; then `first`
    commits and everything runs to its end. Without locking, the others read the state from before `first`
    commits: the race, reproduced every time.
    """
    from sqlalchemy import event

    at_commit, go_on = threading.Event(), threading.Event()
    outcomes: dict[int, object] = {}
    backends: defaultdict[threading.Thread, set[int]] = defaultdict(set)  # each thread's PostgreSQL backends

    def call(index: int, function: Callable[[], object]) -> None:
        try:
            outcomes[index] = function()
        except Exception as error:
            outcomes[index] = error

    threads = [
        threading.Thread(target=call, args=(index, function), name=f"race-{index}")
        for index, function in enumerate((first, *others))
    ]

    def pause_first(_connection: object) -> None:
        if threading.current_thread() is threads[0] and not at_commit.is_set():
            at_commit.set()
            go_on.wait(FINISH_S)

    def note_backend(dbapi_connection: object, _record: object, _proxy: object) -> None:
        backend = getattr(getattr(dbapi_connection, "info", None), "backend_pid", None)  # psycopg's
        if isinstance(backend, int):
            backends[threading.current_thread()].add(backend)

    event.listen(engine, "commit", pause_first)
    event.listen(engine, "checkout", note_backend)
    try:
        threads[0].start()
        deadline = time.monotonic() + START_S
        while not at_commit.wait(0.01) and threads[0].is_alive() and time.monotonic() < deadline:
            pass
        assert at_commit.is_set(), f"the first call never reached its commit: {outcomes.get(0, 'still running')!r}"
        for thread in threads[1:]:
            thread.start()
        waited = _held_up(engine, threads[1:], backends)
    finally:
        go_on.set()
        for thread in threads:
            if thread.ident is not None:
                thread.join(FINISH_S)
        event.remove(engine, "commit", pause_first)
        event.remove(engine, "checkout", note_backend)
    hung = TimeoutError(f"no answer: the call was still running {FINISH_S:g} s after the first committed")
    return Race(tuple(outcomes.get(index, hung) for index in range(len(threads))), waited)


def _held_up(engine: Engine, others: list[threading.Thread], backends: dict[threading.Thread, set[int]]) -> bool:
    """Wait until every one of `others` has finished or waits for a lock; say whether any had to wait."""
    if engine.dialect.name != "postgresql":  # no way to see a lock wait: give them PATIENCE_S
        deadline = time.monotonic() + PATIENCE_S
        for thread in others:
            thread.join(max(0.0, deadline - time.monotonic()))
        return any(thread.is_alive() for thread in others)
    import psycopg

    waiting_for_a_lock = "SELECT pid FROM pg_stat_activity WHERE pid = ANY(%s) AND wait_event_type = 'Lock'"
    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    waited = False
    with psycopg.connect(url, autocommit=True) as watcher:  # autocommit: each look is a fresh snapshot
        deadline = time.monotonic() + HOLD_S
        while time.monotonic() < deadline:
            running = [thread for thread in others if thread.is_alive()]
            known = {thread: set(backends.get(thread, ())) for thread in running}
            pids = [pid for pids in known.values() for pid in pids]
            waiting = {row[0] for row in watcher.execute(waiting_for_a_lock, (pids,))} if pids else set()
            waited = waited or bool(waiting)
            if all(known[thread] & waiting for thread in running):
                return waited
            time.sleep(0.01)
    return True  # still running after HOLD_S: held up by the first


@pytest.fixture
def commit_race() -> Callable[..., Race]:
    """`commit_race(engine, first, *others)`: two or more transactions at once, the first paused at its commit
    while the others run into it (see `race_at_commit`)."""
    return race_at_commit
