"""One piece of code for two databases: sqlite3 and psycopg 3 behind the same few functions."""

import re
import sqlite3
from typing import Any

import psycopg

Connection = sqlite3.Connection | psycopg.Connection[Any]
Row = tuple[Any, ...]

# `:name`, but not the second colon of a PostgreSQL cast (`value::text`) nor `a:b` inside a word.
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")

_NOTES_ID = {
    "named": "INTEGER PRIMARY KEY",  # SQLite: an alias of the rowid, generated on insert
    "pyformat": "INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY",  # PostgreSQL, SQL standard
}


def connect(url: str) -> Connection:
    """Open `sqlite:///<path>` with sqlite3 or `postgresql://...` (or `postgres://...`) with psycopg."""
    if url.startswith("sqlite:///"):
        return sqlite3.connect(url.removeprefix("sqlite:///"))
    if url.startswith(("postgresql://", "postgres://")):
        return psycopg.connect(url)
    raise ValueError(f"unsupported database URL {url!r}: use sqlite:///<path> or postgresql://...")


def paramstyle_of(conn: Connection) -> str:
    """The placeholder style `native_sql` should produce for this connection."""
    return "named" if isinstance(conn, sqlite3.Connection) else "pyformat"


def native_sql(sql: str, paramstyle: str) -> str:
    """Rewrite `:name` placeholders for a driver: unchanged for "named", `%(name)s` (and `%` as `%%`) for "pyformat"."""
    if paramstyle == "named":
        return sql
    if paramstyle == "pyformat":
        return _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))
    raise ValueError(f"unsupported paramstyle {paramstyle!r}")


def run(conn: Connection, sql: str, params: dict[str, Any] | None = None) -> list[Row]:
    """Run one statement written with `:name` placeholders on either driver; return its rows ([] if none)."""
    cursor = conn.execute(native_sql(sql, paramstyle_of(conn)), params or {})
    if cursor.description is None:
        return []
    return [tuple(row) for row in cursor.fetchall()]


def create_notes_table(conn: Connection) -> None:
    """Create notes(id, body) with an id the database generates, on either database, and commit."""
    run(conn, f"CREATE TABLE notes (id {_NOTES_ID[paramstyle_of(conn)]}, body TEXT NOT NULL)")
    conn.commit()


def add_note(conn: Connection, body: str) -> int:
    """Insert a note, commit, and return its id."""
    [(note_id,)] = run(conn, "INSERT INTO notes (body) VALUES (:body) RETURNING id", {"body": body})
    conn.commit()
    return int(note_id)


def search_notes(conn: Connection, word: str) -> list[str]:
    """Return the bodies of the notes containing `word` in any case, by id."""
    rows = run(
        conn,
        "SELECT body FROM notes WHERE LOWER(body) LIKE '%' || LOWER(:word) || '%' ORDER BY id",
        {"word": word},
    )
    return [body for (body,) in rows]
