"""Cursor pagination and API versions: pages that hold still while rows arrive, and a v1 that says when it retires."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import sqlite3
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

SECRET = b"change me: read it from the environment in production"
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
V1_PER_PAGE = 10
DEPRECATED_AT = datetime(2026, 3, 1, tzinfo=UTC)
SUNSET_AT = datetime(2027, 6, 30, 23, 59, 59, tzinfo=UTC)

Position = tuple[str, int]  # (published_at, id) of the last article a page showed
Article = dict[str, Any]

_WHOLE_NUMBER = re.compile(r"[0-9]+")


class InvalidCursorError(ValueError):
    """A cursor this server did not write: garbage, cut short, or changed by the client."""


def _signature(body: str) -> str:
    return hmac.new(SECRET, body.encode(), hashlib.sha256).hexdigest()


def encode_cursor(position: Position) -> str:
    """Task 1: an opaque, signed, URL-safe text for a position."""
    body = base64.urlsafe_b64encode(json.dumps(list(position)).encode()).decode()
    return f"{body}.{_signature(body)}"


def decode_cursor(cursor: str) -> Position:
    """Task 1: the position in a cursor from encode_cursor; InvalidCursorError for anything else."""
    body, _, signature = cursor.rpartition(".")
    if not hmac.compare_digest(signature.encode(), _signature(body).encode()):
        raise InvalidCursorError("cursor is not valid: leave it out to start from the first page")
    published_at, article_id = json.loads(base64.urlsafe_b64decode(body))
    return published_at, article_id


_COLUMNS = "SELECT id, title, published_at FROM articles"
_NEWEST_FIRST = "ORDER BY published_at DESC, id DESC LIMIT ?"
_FIRST_PAGE = f"{_COLUMNS} {_NEWEST_FIRST}"
_PAGE_AFTER = f"{_COLUMNS} WHERE (published_at, id) < (?, ?) {_NEWEST_FIRST}"


def fetch_page(conn: sqlite3.Connection, after: Position | None, limit: int) -> tuple[list[Article], Position | None]:
    """Task 2: up to `limit` articles after `after`, newest first, and the position to go on from (None at the end)."""
    if after is None:  # one row more than a page: if it comes back, there is a next page
        rows = conn.execute(_FIRST_PAGE, (limit + 1,)).fetchall()
    else:
        rows = conn.execute(_PAGE_AFTER, (*after, limit + 1)).fetchall()
    page = [{"id": row[0], "title": row[1], "published_at": row[2]} for row in rows[:limit]]
    more = len(rows) == limit + 1
    return page, (page[-1]["published_at"], page[-1]["id"]) if more else None


def parse_limit(args: Mapping[str, str]) -> int:
    """Task 3: ?limit= as a whole number from 1 to MAX_LIMIT (DEFAULT_LIMIT when absent); ValueError otherwise."""
    raw = args.get("limit")
    if raw is None:
        return DEFAULT_LIMIT
    if not _WHOLE_NUMBER.fullmatch(raw) or not 1 <= int(raw) <= MAX_LIMIT:
        raise ValueError(f"limit must be a whole number from 1 to {MAX_LIMIT}, got {raw!r}")
    return int(raw)


def deprecation_headers() -> dict[str, str]:
    """Task 4: the headers every v1 answer carries: Deprecation, Sunset and a Link to its successor."""
    return {
        "Deprecation": f"@{int(DEPRECATED_AT.timestamp())}",
        "Sunset": format_datetime(SUNSET_AT, usegmt=True),
        "Link": '</v2/articles>; rel="successor-version"',
    }
