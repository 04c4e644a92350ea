"""Tests for the Alembic kata, on SQLite and (when DATABASE_URL is set) PostgreSQL.

Tasks 1 and 2 run your migration scripts with the test's own Alembic calls;
task 3 checks your Python API for running them.

Mistakes these tests catch: a nullable title, a body without a default, a
downgrade that leaves the table or the column behind (or fails on SQLite
without batch mode), a `pinned` column that is NULL for existing rows (no
server default), the data step forgotten (still "!" titles) or done after the
column was dropped, the index missing or not dropped, a down/up round trip that
loses data, `upgrade` without commit, `current_revision` that crashes on a
fresh database, a hard-coded head.
"""

from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic_migrations import current_revision, downgrade, head_revision, upgrade
from sqlalchemy import Engine, inspect, text


@pytest.fixture
def migrations(kata_file: Callable[[str], Path]) -> Path:
    """Your notes_migrations folder (the reference one with --solutions)."""
    return kata_file("notes_migrations")


@pytest.fixture
def migrate(engine: Engine, migrations: Path) -> Callable[[str, str], None]:
    """The test's own way to run your migration scripts: migrate("upgrade", "0001"), migrate("downgrade", "base")."""

    def run(direction: str, revision: str) -> None:
        config = Config()
        config.set_main_option("script_location", str(migrations))
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            getattr(command, direction)(config, revision)

    return run


def columns(engine: Engine, table: str) -> dict[str, bool]:
    """Column name -> nullable, read from the database."""
    return {column["name"]: column["nullable"] for column in inspect(engine).get_columns(table)}


def rows(engine: Engine, sql: str) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(sql))]


def add_notes(engine: Engine, *titles: str) -> None:
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO notes (title) VALUES (:title)"), [{"title": t} for t in titles])


@pytest.mark.task(taskno=1)
def test_0001_creates_the_notes_table(engine: Engine, migrate: Callable[[str, str], None]) -> None:
    migrate("upgrade", "0001")
    assert inspect(engine).has_table("notes"), "revision 0001 should create the table notes"
    assert columns(engine, "notes") == {"id": False, "title": False, "body": False}, (
        "notes should have id, title and body, all NOT NULL"
    )
    add_notes(engine, "first")
    assert rows(engine, "SELECT id, title, body FROM notes") == [(1, "first", "")], (
        "the id should be generated and body should default to '' (server_default)"
    )


@pytest.mark.task(taskno=1)
def test_0001_downgrade_removes_the_table(engine: Engine, migrate: Callable[[str, str], None]) -> None:
    migrate("upgrade", "0001")
    migrate("downgrade", "base")
    assert not inspect(engine).has_table("notes"), "downgrading 0001 should drop notes"


@pytest.mark.task(taskno=2)
def test_0002_pins_the_bang_titles_and_keeps_the_rest(engine: Engine, migrate: Callable[[str, str], None]) -> None:
    migrate("upgrade", "0001")
    add_notes(engine, "!Pay rent", "Buy milk", "Wow!", "!!Really important")
    migrate("upgrade", "0002")
    assert columns(engine, "notes").get("pinned") is False, "0002 should add pinned, NOT NULL"
    found = rows(engine, "SELECT title, pinned FROM notes ORDER BY id")
    assert [(title, bool(pinned)) for title, pinned in found] == [
        ("Pay rent", True),
        ("Buy milk", False),
        ("Wow!", False),
        ("!Really important", True),
    ], f"titles starting with '!' become pinned and lose that first '!'; the others stay unpinned: {found}"


@pytest.mark.task(taskno=2)
def test_0002_defaults_new_notes_to_unpinned_and_indexes_title(
    engine: Engine, migrate: Callable[[str, str], None]
) -> None:
    migrate("upgrade", "0002")
    add_notes(engine, "new")
    assert [bool(p) for (p,) in rows(engine, "SELECT pinned FROM notes")] == [False], "pinned defaults to false"
    indexes = {index["name"]: index["column_names"] for index in inspect(engine).get_indexes("notes")}
    assert indexes.get("ix_notes_title") == ["title"], f"0002 should create ix_notes_title on title: {indexes}"


@pytest.mark.task(taskno=2)
def test_0002_round_trip_keeps_every_note(engine: Engine, migrate: Callable[[str, str], None]) -> None:
    migrate("upgrade", "0001")
    add_notes(engine, "!Pay rent", "Buy milk")
    migrate("upgrade", "0002")
    migrate("downgrade", "0001")
    assert "pinned" not in columns(engine, "notes"), "downgrading 0002 should drop pinned (batch mode on SQLite)"
    assert not inspect(engine).get_indexes("notes"), "downgrading 0002 should drop ix_notes_title"
    assert rows(engine, "SELECT title FROM notes ORDER BY id") == [("!Pay rent",), ("Buy milk",)], (
        "the downgrade should put the '!' back on pinned notes before dropping the column"
    )
    migrate("upgrade", "head")
    assert rows(engine, "SELECT title FROM notes ORDER BY id") == [("Pay rent",), ("Buy milk",)], (
        "upgrading again should give the same result as the first time"
    )


@pytest.mark.task(taskno=3)
def test_head_revision_is_read_from_the_scripts() -> None:
    assert head_revision() == "0002", "the head is the newest revision: ScriptDirectory(...).get_current_head()"


@pytest.mark.task(taskno=3)
def test_upgrade_commits_and_records_the_revision(engine: Engine) -> None:
    assert current_revision(engine) is None, "a database that was never migrated has no revision (None)"
    upgrade(engine, "0001")
    assert current_revision(engine) == "0001", "after upgrade(engine, '0001') the database is at 0001"
    upgrade(engine)
    assert current_revision(engine) == "0002", "upgrade(engine) goes to head"
    assert "pinned" in columns(engine, "notes"), "the change must be committed: another connection should see it"


@pytest.mark.task(taskno=3)
def test_downgrade_goes_back_to_a_revision_or_base(engine: Engine) -> None:
    upgrade(engine)
    downgrade(engine, "0001")
    assert current_revision(engine) == "0001", "downgrade(engine, '0001') should leave the database at 0001"
    downgrade(engine, "base")
    assert current_revision(engine) is None, "downgrade to 'base' undoes every migration"
    assert not inspect(engine).has_table("notes"), "at base there is no notes table"
