"""Milestone 2: settings from the environment, and message history in SQL with SQLAlchemy's asyncio extension, on SQLite and PostgreSQL.

Every store test runs on a SQLite file and, when `DATABASE_URL` names a PostgreSQL server, on a
fresh schema there.

Mistakes these tests catch: returning the *first* messages instead of the last ones, or the last
ones newest-first; mixing rooms; losing the time zone (SQLite stores naive datetimes); handing a
libpq URL to SQLAlchemy unchanged (it would pick the sync psycopg2 driver); a store that forgets
to create its table; settings that ignore a variable, treat an empty one as a value, or start
without a secret; relabelling a PostgreSQL time from another zone as UTC instead of converting it;
stamping a message with the local time; a pool that hands out connections the database has dropped;
SQLite without WAL.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import pytest

pytestmark = pytest.mark.task(taskno=2)
T = TypeVar("T")
START = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)


def run(store_work: Callable[..., Awaitable[T]], database_url: str) -> T:
    """Open a MessageStore on `database_url`, create its table, run `store_work(store)`, close it."""
    from chat import MessageStore

    async def main() -> T:
        store = MessageStore(database_url)
        try:
            await store.create_tables()
            return await store_work(store)
        finally:
            await store.close()

    return asyncio.run(main())


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://postgres@127.0.0.1:5432/test", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
        ("postgres://u:p@db/chat?sslmode=disable", "postgresql+psycopg://u:p@db/chat?sslmode=disable"),
        ("sqlite:///chat.db", "sqlite+aiosqlite:///chat.db"),
        ("sqlite:////tmp/chat.db", "sqlite+aiosqlite:////tmp/chat.db"),
        ("sqlite+aiosqlite:///x.db", "sqlite+aiosqlite:///x.db"),
    ],
)
def test_database_url_becomes_an_async_driver_url(url: str, expected: str) -> None:
    from chat import async_database_url

    assert async_database_url(url) == expected


def test_add_returns_the_stored_message_with_an_id(database_url: str) -> None:
    async def work(store):  # type: ignore[no-untyped-def]
        first = await store.add("lobby", "ann", "hello", sent_at=START)
        second = await store.add("lobby", "sam", "hi ann", sent_at=START + timedelta(seconds=5))
        return first, second

    first, second = run(work, database_url)
    assert (first.room, first.user, first.text, first.sent_at) == ("lobby", "ann", "hello", START)
    assert second.id > first.id, "ids must grow with every message: they order the history"


def test_recent_returns_the_last_messages_oldest_first(database_url: str) -> None:
    async def work(store):  # type: ignore[no-untyped-def]
        for n in range(5):
            await store.add("lobby", "ann", f"message {n}", sent_at=START + timedelta(seconds=n))
        return await store.recent("lobby", limit=3)

    texts = [message.text for message in run(work, database_url)]
    assert texts == ["message 2", "message 3", "message 4"], "the LAST `limit` messages, oldest first"


def test_recent_keeps_rooms_apart(database_url: str) -> None:
    async def work(store):  # type: ignore[no-untyped-def]
        await store.add("lobby", "ann", "in the lobby")
        await store.add("random", "sam", "elsewhere")
        return await store.recent("lobby", limit=10), await store.recent("empty", limit=10)

    lobby, empty = run(work, database_url)
    assert [message.text for message in lobby] == ["in the lobby"]
    assert empty == [], "a room nobody wrote in has no history (and no error)"


def test_times_come_back_in_utc(database_url: str) -> None:
    async def work(store):  # type: ignore[no-untyped-def]
        await store.add("lobby", "ann", "hello", sent_at=START)
        return await store.recent("lobby", limit=1)

    (message,) = run(work, database_url)
    assert message.sent_at.utcoffset() == timedelta(0), (
        f"sent_at must come back aware, in UTC (SQLite forgets the zone); got {message.sent_at!r}"
    )
    assert message.sent_at == START


def test_times_come_back_in_utc_whatever_the_session_time_zone(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time
    from urllib.parse import quote

    # PostgreSQL answers a timestamptz in the session's zone: make it New York (SQLite has no zone to set)
    new_york = database_url.replace("options=", "options=" + quote("-ctimezone=America/New_York "), 1)

    async def work(store):  # type: ignore[no-untyped-def]
        await store.add("lobby", "ann", "hello", sent_at=START)
        return await store.recent("lobby", limit=1)

    monkeypatch.setenv("TZ", "Asia/Tokyo")  # and the machine's own zone is neither UTC nor New York
    time.tzset()
    try:
        (message,) = run(work, new_york)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert (message.sent_at, message.sent_at.utcoffset()) == (START, timedelta(0)), (
        f"convert an aware time to UTC (astimezone(UTC)), do not just relabel it; got {message.sent_at!r}"
    )


def test_a_message_without_a_time_is_stamped_now_in_utc(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    async def work(store):  # type: ignore[no-untyped-def]
        return await store.add("lobby", "ann", "hello"), await store.recent("lobby", limit=1)

    monkeypatch.setenv("TZ", "America/New_York")  # a server whose local time is not UTC
    time.tzset()
    try:
        added, (read,) = run(work, database_url)
    finally:
        monkeypatch.undo()
        time.tzset()
    for message in (added, read):
        assert abs(message.sent_at - datetime.now(UTC)) < timedelta(hours=1), (
            f"sent_at defaults to datetime.now(UTC), not the local time; got {message.sent_at!r}"
        )


def test_a_sqlite_database_runs_in_wal_mode(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    path = tmp_path / "wal.db"

    async def work(store):  # type: ignore[no-untyped-def]
        await store.add("lobby", "ann", "hello")

    run(work, f"sqlite:///{path}")
    with sqlite3.connect(path) as connection:
        (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
    assert mode == "wal", "WAL lets other processes read the history while one server writes"


def test_the_store_reconnects_after_the_database_dropped_its_connections(database_url: str) -> None:
    import os
    import uuid

    import psycopg

    # PostgreSQL: a restart or a failover cuts pooled connections; SQLite has no server to lose
    app = f"chat-test-{uuid.uuid4().hex[:12]}"
    on_postgres = not database_url.startswith("sqlite")
    url = f"{database_url}&application_name={app}" if on_postgres else database_url

    async def work(store):  # type: ignore[no-untyped-def]
        await store.add("lobby", "ann", "before the restart")
        if on_postgres:
            with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as admin:
                admin.execute(
                    "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = %s", (app,)
                )
        return await store.recent("lobby", limit=10)

    assert [message.text for message in run(work, url)] == ["before the restart"], (
        "check a pooled connection before using it (create_async_engine(..., pool_pre_ping=True) on PostgreSQL)"
    )


def test_history_survives_a_new_store_on_the_same_database(database_url: str) -> None:
    async def write(store):  # type: ignore[no-untyped-def]
        await store.add("lobby", "ann", "still here tomorrow")

    async def read(store):  # type: ignore[no-untyped-def]
        return await store.recent("lobby", limit=10)

    run(write, database_url)
    assert [message.text for message in run(read, database_url)] == ["still here tomorrow"], (
        "messages must be in the database, not in the store object; create_tables must not wipe them"
    )


def test_message_event_is_json_ready() -> None:
    from chat import StoredMessage

    event = StoredMessage(7, "lobby", "ann", "hi", START).to_event()
    assert event == {
        "type": "message",
        "room": "lobby",
        "id": 7,
        "user": "ann",
        "text": "hi",
        "sent_at": "2026-01-05T09:30:00+00:00",
    }


def test_settings_from_the_environment() -> None:
    from chat import Settings

    settings = Settings.from_env(
        {
            "CHAT_SECRET_KEY": "s" * 32,
            "DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/test",
            "CHAT_HUB": "redis",
            "REDIS_URL": "redis://127.0.0.1:6379/3",
            "CHAT_CHANNEL_PREFIX": "staging",
            "CHAT_RATE_BURST": "20",
            "CHAT_RATE_PER_SECOND": "0.5",
            "CHAT_PRESENCE_TTL_SECONDS": "7.5",
        }
    )
    assert settings == Settings(
        secret_key="s" * 32,
        database_url="postgresql://postgres@127.0.0.1:5432/test",
        hub="redis",
        redis_url="redis://127.0.0.1:6379/3",
        channel_prefix="staging",
        rate_burst=20,
        rate_per_second=0.5,
        presence_ttl_seconds=7.5,
    )


def test_settings_from_an_environment_with_only_a_secret_are_the_defaults() -> None:
    from chat import Settings

    assert Settings.from_env({"CHAT_SECRET_KEY": "s" * 32, "DATABASE_URL": ""}) == Settings(secret_key="s" * 32), (
        "unset (or empty) variables keep the defaults: SQLite file chat.db, the memory hub"
    )


@pytest.mark.parametrize(
    ("environ", "complaint"),
    [
        ({}, "CHAT_SECRET_KEY"),
        ({"CHAT_SECRET_KEY": "too short"}, "32 bytes"),
        ({"CHAT_SECRET_KEY": "s" * 32, "CHAT_HUB": "carrier-pigeon"}, "CHAT_HUB"),
        ({"CHAT_SECRET_KEY": "s" * 32, "CHAT_RATE_BURST": "0"}, "rate_burst"),
        ({"CHAT_SECRET_KEY": "s" * 32, "CHAT_RATE_PER_SECOND": "-1"}, "rate_per_second"),
        ({"CHAT_SECRET_KEY": "s" * 32, "CHAT_PRESENCE_TTL_SECONDS": "0"}, "presence_ttl_seconds"),
    ],
)
def test_settings_refuse_a_bad_environment(environ: dict[str, str], complaint: str) -> None:
    from chat import Settings

    with pytest.raises(ValueError, match=complaint):
        Settings.from_env(environ)
