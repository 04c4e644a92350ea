"""Message history in SQL: SQLAlchemy 2 with its asyncio extension (aiosqlite for SQLite, psycopg for PostgreSQL)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import DateTime, Index, String, Text, select  # noqa: F401  # select: you will need it
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine  # noqa: F401
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .chat_settings import async_database_url  # noqa: F401  # you will need it


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
        raise NotImplementedError("StoredMessage.to_event: write me (milestone 2)")


def _stored(row: MessageRow) -> StoredMessage:
    sent_at = row.sent_at if row.sent_at.tzinfo else row.sent_at.replace(tzinfo=UTC)  # SQLite drops the zone
    return StoredMessage(row.id, row.room, row.username, row.text, sent_at)


class MessageStore:
    """Append messages and read a room's most recent ones. `database_url` may be libpq or SQLAlchemy form."""

    def __init__(self, database_url: str) -> None:
        """Build an async engine (`create_async_engine`) and a session factory; connect to nothing yet."""
        raise NotImplementedError("MessageStore: write me (milestone 2)")

    async def create_tables(self) -> None:
        """Create the table if it is missing, even while another server does the same (a real deployment
        would run a migration instead)."""
        raise NotImplementedError("MessageStore.create_tables: write me (milestone 2)")

    async def add(self, room: str, user: str, text: str, sent_at: datetime | None = None) -> StoredMessage:
        """Store one message (`sent_at` defaults to now, in UTC) and return it with its id."""
        raise NotImplementedError("MessageStore.add: write me (milestone 2)")

    async def recent(self, room: str, limit: int) -> list[StoredMessage]:
        """The last `limit` messages of `room`, oldest first."""
        raise NotImplementedError("MessageStore.recent: write me (milestone 2)")

    async def close(self) -> None:
        """Close every pooled connection (`AsyncEngine.dispose`)."""
        raise NotImplementedError("MessageStore.close: write me (milestone 2)")
