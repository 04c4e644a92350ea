"""Tests for the portable-SQL kata: the same code against sqlite3 and psycopg 3.

Every test that takes `db_url` runs on SQLite, and on PostgreSQL when
DATABASE_URL is set.

Mistakes these tests catch: `sqlite:///path` opened with the slashes left on,
`postgres://` forgotten, an unknown scheme silently opened as a SQLite file,
`:name` turned into `%(name)s` inside a PostgreSQL cast (`value::text`) or a
time literal, a literal `%` not doubled for psycopg (it reads `%'` as a
placeholder), `run` calling fetchall() on a statement without rows (psycopg
raises), an `AUTOINCREMENT`/`SERIAL` id that only one database understands, a
note not committed (a second connection cannot see it), a case-sensitive search.
"""

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from hypothesis import given
from hypothesis import strategies as st
from portable_sql import add_note, connect, create_notes_table, native_sql, run, search_notes

Connection = sqlite3.Connection | psycopg.Connection[Any]


def open_connection(url: str) -> Connection:
    """The test's own way to connect (so later tasks do not depend on your `connect`)."""
    if url.startswith("sqlite:///"):
        return sqlite3.connect(url.removeprefix("sqlite:///"))
    return psycopg.connect(url)


@pytest.fixture
def conn(db_url: str) -> Iterator[Connection]:
    """A connection to an empty database (SQLite or PostgreSQL), closed after the test."""
    connection = open_connection(db_url)
    try:
        yield connection
    finally:
        connection.close()


@pytest.mark.task(taskno=1)
def test_connect_picks_the_driver_from_the_url(db_url: str) -> None:
    connection = connect(db_url)
    try:
        expected = sqlite3.Connection if db_url.startswith("sqlite") else psycopg.Connection
        assert isinstance(connection, expected), f"{db_url.partition(':')[0]} URLs should open a {expected.__name__}"
        assert connection.execute("SELECT 1").fetchone() == (1,), "the connection should work"
    finally:
        connection.close()


@pytest.mark.task(taskno=1)
def test_connect_accepts_the_short_postgres_scheme(postgres_schema_url: str) -> None:
    connection = connect("postgres://" + postgres_schema_url.removeprefix("postgresql://"))
    try:
        assert isinstance(connection, psycopg.Connection), "postgres:// is another name for postgresql://"
    finally:
        connection.close()


@pytest.mark.task(taskno=1)
def test_connect_opens_the_sqlite_file_at_the_path(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    connection = connect(f"sqlite:///{path}")
    try:
        connection.execute("CREATE TABLE t (x INTEGER)")
    finally:
        connection.close()
    assert path.exists(), f"sqlite:///{path} should open the file {path} (everything after 'sqlite:///')"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("url", ["mysql://root@127.0.0.1/test", "notes.db", ""])
def test_connect_rejects_other_urls(url: str) -> None:
    with pytest.raises(ValueError, match="unsupported"):
        connect(url)


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT :a", "SELECT %(a)s"),
        ("SELECT :a, :a_b, :a", "SELECT %(a)s, %(a_b)s, %(a)s"),
        ("SELECT value::text FROM t WHERE id = :id", "SELECT value::text FROM t WHERE id = %(id)s"),
        ("SELECT '12:30'", "SELECT '12:30'"),
        ("WHERE body LIKE '%' || :w || '%'", "WHERE body LIKE '%%' || %(w)s || '%%'"),
    ],
)
def test_native_sql_rewrites_for_psycopg(sql: str, expected: str) -> None:
    assert native_sql(sql, "pyformat") == expected, f"native_sql({sql!r}, 'pyformat') should be {expected!r}"


@pytest.mark.task(taskno=2)
def test_native_sql_leaves_sqlite_sql_alone() -> None:
    sql = "SELECT '100%', :a, value::text"
    assert native_sql(sql, "named") == sql, "sqlite3 understands :name (paramstyle 'named') and a plain %"
    with pytest.raises(ValueError, match="unsupported"):
        native_sql(sql, "format")


@pytest.mark.task(taskno=2)
@given(st.from_regex(r"[a-z_][a-z0-9_]{0,10}", fullmatch=True))
def test_native_sql_converts_any_parameter_name(name: str) -> None:
    assert native_sql(f"SELECT :{name} + 1", "pyformat") == f"SELECT %({name})s + 1"


@pytest.mark.task(taskno=2)
def test_run_binds_parameters_on_either_database(conn: Connection) -> None:
    assert run(conn, "SELECT :a + :b", {"a": 2, "b": 3}) == [(5,)], "run should bind :a and :b and return the rows"
    assert run(conn, "SELECT '100%' || :x", {"x": "!"}) == [("100%!",)], "a literal % in the SQL must survive"


@pytest.mark.task(taskno=2)
def test_run_returns_no_rows_for_statements_without_a_result(conn: Connection) -> None:
    assert run(conn, "CREATE TABLE t (x INTEGER)") == [], "DDL has no rows: check cursor.description before fetching"
    assert run(conn, "INSERT INTO t (x) VALUES (:x)", {"x": 7}) == [], "a plain INSERT has no rows either"
    assert run(conn, "SELECT x FROM t") == [(7,)], "rows come back as tuples"


@pytest.mark.task(taskno=3)
def test_notes_get_ids_from_the_database_and_are_committed(conn: Connection, db_url: str) -> None:
    create_notes_table(conn)
    first, second = add_note(conn, "Learn SQL"), add_note(conn, "Then psycopg")
    assert (first, second) == (1, 2), f"the database should number the notes 1, 2, got {first}, {second}"
    other = open_connection(db_url)
    try:
        seen = other.execute("SELECT id, body FROM notes ORDER BY id").fetchall()
    finally:
        other.close()
    assert [tuple(row) for row in seen] == [(1, "Learn SQL"), (2, "Then psycopg")], "did you commit?"


@pytest.mark.task(taskno=3)
def test_search_notes_ignores_case_and_keeps_quotes(conn: Connection) -> None:
    create_notes_table(conn)
    for body in ["Learn SQL", "it's sql o'clock", "Postgres", "no match"]:
        add_note(conn, body)
    assert search_notes(conn, "sql") == ["Learn SQL", "it's sql o'clock"], "search in any case, in id order"
    assert search_notes(conn, "O'CLOCK") == ["it's sql o'clock"], "a quote in the word is data, not SQL"
    assert search_notes(conn, "mysql") == [], "nothing contains mysql"
