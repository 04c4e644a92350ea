"""The chat server's settings: one frozen object, built once and handed to `create_app`."""

from __future__ import annotations

import os  # noqa: F401  # you will need it
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

MIN_SECRET_BYTES = 32  # HS256 wants a key at least as long as its 256-bit output (RFC 7518, 3.2)
HubKind = Literal["memory", "redis"]


@dataclass(frozen=True)
class Settings:
    """Everything the server can be told. `Settings.from_env()` reads the same from environment variables."""

    secret_key: str
    database_url: str = "sqlite:///chat.db"
    hub: HubKind = "memory"
    redis_url: str = "redis://127.0.0.1:6379/0"
    channel_prefix: str = "chat"
    presence_ttl_seconds: float = 30.0
    token_ttl_seconds: int = 3600
    max_message_bytes: int = 2000
    max_frame_bytes: int = 8000
    rate_burst: int = 5
    rate_per_second: float = 2.0
    history_limit: int = 50
    max_rooms_per_connection: int = 10
    outbox_size: int = 256

    def __post_init__(self) -> None:
        if len(self.secret_key.encode()) < MIN_SECRET_BYTES:
            raise ValueError(f"secret_key must be at least {MIN_SECRET_BYTES} bytes long")
        if self.hub not in ("memory", "redis"):
            raise ValueError(f"hub must be 'memory' or 'redis', not {self.hub!r}")
        if self.max_frame_bytes < self.max_message_bytes:
            raise ValueError("max_frame_bytes must be at least max_message_bytes")
        for name in ("token_ttl_seconds", "max_message_bytes", "rate_burst", "history_limit", "outbox_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if self.rate_per_second <= 0:
            raise ValueError("rate_per_second must be positive")
        if self.presence_ttl_seconds <= 0:
            raise ValueError("presence_ttl_seconds must be positive")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from `CHAT_SECRET_KEY`, `DATABASE_URL`, `CHAT_HUB`, `REDIS_URL`, `CHAT_CHANNEL_PREFIX`,
        `CHAT_RATE_BURST`, `CHAT_RATE_PER_SECOND` and `CHAT_PRESENCE_TTL_SECONDS` in `environ` (default: `os.environ`); anything unset or
        empty keeps its default. `ValueError` without a secret, or for a hub other than memory or redis."""
        raise NotImplementedError("Settings.from_env: write me (milestone 2)")


def async_database_url(url: str) -> str:
    """The SQLAlchemy async URL for a `DATABASE_URL`: libpq `postgresql://` becomes `postgresql+psycopg://`,
    `sqlite://` becomes `sqlite+aiosqlite://`; a URL that already names its driver passes through."""
    raise NotImplementedError("async_database_url: write me (milestone 2)")
