"""One piece of code for two databases: sqlite3 and psycopg 3 behind the same few functions."""

import sqlite3
from typing import Any

import psycopg

Connection = sqlite3.Connection | psycopg.Connection[Any]
Row = tuple[Any, ...]


def connect(url: str) -> Connection:
    """Open `sqlite:///<path>` with sqlite3 or `postgresql://...` (or `postgres://...`) with psycopg."""
    raise NotImplementedError("connect: write me (task 1)")


def native_sql(sql: str, paramstyle: str) -> str:
    """Rewrite `:name` placeholders for a driver: unchanged for "named", `%(name)s` (and `%` as `%%`) for "pyformat"."""
    raise NotImplementedError("native_sql: write me (task 2)")


def run(conn: Connection, sql: str, params: dict[str, Any] | None = None) -> list[Row]:
    """Run one statement written with `:name` placeholders on either driver; return its rows ([] if none)."""
    raise NotImplementedError("run: write me (task 2)")


def create_notes_table(conn: Connection) -> None:
    """Create notes(id, body) with an id the database generates, on either database, and commit."""
    raise NotImplementedError("create_notes_table: write me (task 3)")


def add_note(conn: Connection, body: str) -> int:
    """Insert a note, commit, and return its id."""
    raise NotImplementedError("add_note: write me (task 3)")


def search_notes(conn: Connection, word: str) -> list[str]:
    """Return the bodies of the notes containing `word` in any case, by id."""
    raise NotImplementedError("search_notes: write me (task 3)")
