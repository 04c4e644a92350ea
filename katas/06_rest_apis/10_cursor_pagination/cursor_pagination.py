"""Cursor pagination and API versions: pages that hold still while rows arrive, and a v1 that says when it retires."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

SECRET = b"change me: read it from the environment in production"
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
V1_PER_PAGE = 10
DEPRECATED_AT = datetime(2026, 3, 1, tzinfo=UTC)
SUNSET_AT = datetime(2027, 6, 30, 23, 59, 59, tzinfo=UTC)

Position = tuple[str, int]  # (published_at, id) of the last article a page showed
Article = dict[str, Any]


class InvalidCursorError(ValueError):
    """A cursor this server did not write: garbage, cut short, or changed by the client."""


def encode_cursor(position: Position) -> str:
    """Task 1: an opaque, signed, URL-safe text for a position."""
    raise NotImplementedError("encode_cursor: write me (task 1)")


def decode_cursor(cursor: str) -> Position:
    """Task 1: the position in a cursor from encode_cursor; InvalidCursorError for anything else."""
    raise NotImplementedError("decode_cursor: write me (task 1)")


def fetch_page(conn: sqlite3.Connection, after: Position | None, limit: int) -> tuple[list[Article], Position | None]:
    """Task 2: up to `limit` articles after `after`, newest first, and the position to go on from (None at the end)."""
    raise NotImplementedError("fetch_page: write me (task 2)")


def parse_limit(args: Mapping[str, str]) -> int:
    """Task 3: ?limit= as a whole number from 1 to MAX_LIMIT (DEFAULT_LIMIT when absent); ValueError otherwise."""
    raise NotImplementedError("parse_limit: write me (task 3)")


def deprecation_headers() -> dict[str, str]:
    """Task 4: the headers every v1 answer carries: Deprecation, Sunset and a Link to its successor."""
    raise NotImplementedError("deprecation_headers: write me (task 4)")
