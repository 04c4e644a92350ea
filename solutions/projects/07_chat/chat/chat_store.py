"""Message history in SQL: SQLAlchemy 2 with its asyncio extension (aiosqlite for SQLite, psycopg for PostgreSQL)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Index, String, Text, event, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.schema import CreateIndex, CreateTable

from .chat_settings import async_database_url


class Base(DeclarativeBase):
    pass


class MessageRow(Base):
    __tablename__ = "chat_messages"
    __table_args__ = (Index("ix_chat_messages_room_id", "room", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    room: Mapped[str] = mapped_column(String(32))
    username: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class StoredMessage:
    """One message as stored: `id` grows with every message, so it orders a room's history."""

    id: int
    room: str
    user: str
    text: str
    sent_at: datetime

    def to_event(self) -> dict[str, object]:
        """The `message` event clients receive."""
        return {
            "type": "message",
            "room": self.room,
            "id": self.id,
            "user": self.user,
            "text": self.text,
            "sent_at": self.sent_at.isoformat(),
        }


def _tune_sqlite(dbapi_connection: Any, _record: object) -> None:
    """WAL lets readers (other processes too) work while one writes; NORMAL syncs at checkpoints, not every commit."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _stored(row: MessageRow) -> StoredMessage:
    # SQLite drops the zone; PostgreSQL answers in the session's time zone, which need not be UTC
    sent_at = row.sent_at.astimezone(UTC) if row.sent_at.tzinfo else row.sent_at.replace(tzinfo=UTC)
    return StoredMessage(row.id, row.room, row.username, row.text, sent_at)


class MessageStore:
    """Append messages and read a room's most recent ones. `database_url` may be libpq or SQLAlchemy form."""

    def __init__(self, database_url: str) -> None:
        url = async_database_url(database_url)
        self._engine: AsyncEngine = create_async_engine(url, pool_pre_ping=url.startswith("postgresql"))
        if url.startswith("sqlite"):
            event.listen(self._engine.sync_engine, "connect", _tune_sqlite)
        self._sessions = async_sessionmaker(self._engine, expire_on_commit=False)

    async def create_tables(self) -> None:
        """Create the table if it is missing (a real deployment would run a migration instead).

        `CREATE ... IF NOT EXISTS`, not `create_all`: that looks first and creates after, so two servers
        starting at once on one database both see no table and the second one's CREATE fails."""
        async with self._engine.begin() as connection:
            for table in Base.metadata.sorted_tables:
                await connection.execute(CreateTable(table, if_not_exists=True))
                for index in table.indexes:
                    await connection.execute(CreateIndex(index, if_not_exists=True))

    async def add(self, room: str, user: str, text: str, sent_at: datetime | None = None) -> StoredMessage:
        """Store one message and return it with its id."""
        row = MessageRow(room=room, username=user, text=text, sent_at=sent_at or datetime.now(UTC))
        async with self._sessions.begin() as session:
            session.add(row)
        return _stored(row)

    async def recent(self, room: str, limit: int) -> list[StoredMessage]:
        """The last `limit` messages of `room`, oldest first."""
        query = select(MessageRow).where(MessageRow.room == room).order_by(MessageRow.id.desc()).limit(limit)
        async with self._sessions() as session:
            rows = (await session.scalars(query)).all()
        return [_stored(row) for row in reversed(rows)]

    async def close(self) -> None:
        """Close every pooled connection."""
        await self._engine.dispose()
