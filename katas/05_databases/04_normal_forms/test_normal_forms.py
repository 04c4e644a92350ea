"""Tests for the normalisation kata, on SQLite and (when DATABASE_URL is set) PostgreSQL.

The schema is checked by introspection (`sqlalchemy.inspect`) after a commit,
and the data by rebuilding the flat rows.

Mistakes these tests catch: a teacher's name left in `courses` (the transitive
dependency 3NF removes), a surrogate `id` key where the natural key was asked
for, enrolments keyed by the student alone (one course per student), missing
foreign keys or NOT NULLs, a grade made NOT NULL (ungraded enrolments lost),
copying without DISTINCT (duplicate key errors) or children before parents,
the flat table left behind, a report that loses ungraded rows (inner join on
grade) or comes back unsorted, a rename that has to touch several rows.
"""

from collections.abc import Iterator

import pytest
from normal_forms import create_schema, enrolment_report, migrate, rename_teacher
from sqlalchemy import Column, Connection, Engine, MetaData, String, Table, func, inspect, select

FLAT = [
    ("ada@example.org", "Ada Lovelace", "ALG101", "Algorithms", "knuth@uni.example", "Donald Knuth", "A"),
    ("ada@example.org", "Ada Lovelace", "TYP201", "Types", "liskov@uni.example", "Barbara Liskov", "B"),
    ("alan@example.org", "Alan Turing", "ALG101", "Algorithms", "knuth@uni.example", "Donald Knuth", None),
    ("alan@example.org", "Alan Turing", "DAT301", "Data Abstraction", "liskov@uni.example", "Barbara Liskov", "A"),
    ("grace@example.org", "Grace Hopper", "TYP201", "Types", "liskov@uni.example", "Barbara Liskov", "A"),
    ("grace@example.org", "Grace Hopper", "DAT301", "Data Abstraction", "liskov@uni.example", "Barbara Liskov", None),
]
REPORT = sorted(FLAT, key=lambda row: (row[0], row[2]))  # by student email, then course code
FLAT_COLUMNS = [
    "student_email",
    "student_name",
    "course_code",
    "course_title",
    "teacher_email",
    "teacher_name",
    "grade",
]
SCHEMA = {
    "students": {"email", "name"},
    "teachers": {"email", "name"},
    "courses": {"code", "title", "teacher_email"},
    "enrolments": {"student_email", "course_code", "grade"},
}


@pytest.fixture
def conn(engine: Engine) -> Iterator[Connection]:
    """A connection to a database holding only the committed flat table (made by the test, not by you)."""
    flat = Table("enrolments_flat", MetaData(), *(Column(name, String(254)) for name in FLAT_COLUMNS))
    with engine.begin() as setup:
        flat.create(setup)
        setup.execute(flat.insert(), [dict(zip(FLAT_COLUMNS, row, strict=True)) for row in FLAT])
    with engine.connect() as connection:
        yield connection


def normalised(conn: Connection) -> None:
    """Run both of your steps and commit, as a migration would."""
    create_schema(conn)
    migrate(conn)
    conn.commit()


@pytest.mark.task(taskno=1)
def test_create_schema_gives_each_table_only_its_own_columns(conn: Connection, engine: Engine) -> None:
    create_schema(conn)
    conn.commit()
    inspector = inspect(engine)
    for table, columns in SCHEMA.items():
        assert inspector.has_table(table), f"create_schema should create the table {table!r}"
        found = {column["name"] for column in inspector.get_columns(table)}
        assert found == columns, f"{table} should have exactly the columns {sorted(columns)}, found {sorted(found)}" + (
            " (a teacher's name depends on the teacher, not on the course)" if table == "courses" else ""
        )


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("students", ["email"]),
        ("teachers", ["email"]),
        ("courses", ["code"]),
        ("enrolments", ["course_code", "student_email"]),
    ],
)
def test_create_schema_uses_the_natural_primary_keys(
    conn: Connection, engine: Engine, table: str, key: list[str]
) -> None:
    create_schema(conn)
    conn.commit()
    found = sorted(inspect(engine).get_pk_constraint(table)["constrained_columns"])
    assert found == key, f"the primary key of {table} should be {key}, found {found}"


@pytest.mark.task(taskno=1)
def test_create_schema_links_children_to_parents(conn: Connection, engine: Engine) -> None:
    create_schema(conn)
    conn.commit()
    inspector = inspect(engine)
    links = {
        (table, fk["constrained_columns"][0], fk["referred_table"], fk["referred_columns"][0])
        for table in ("courses", "enrolments")
        for fk in inspector.get_foreign_keys(table)
    }
    expected = {
        ("courses", "teacher_email", "teachers", "email"),
        ("enrolments", "student_email", "students", "email"),
        ("enrolments", "course_code", "courses", "code"),
    }
    assert links == expected, f"foreign keys should be {sorted(expected)}, found {sorted(links)}"


@pytest.mark.task(taskno=1)
def test_create_schema_requires_every_fact_but_the_grade(conn: Connection, engine: Engine) -> None:
    create_schema(conn)
    conn.commit()
    inspector = inspect(engine)
    nullable = {
        (table, column["name"]): column["nullable"]
        for table in ("students", "teachers", "courses", "enrolments")
        for column in inspector.get_columns(table)
    }
    for required in [("students", "name"), ("teachers", "name"), ("courses", "title"), ("courses", "teacher_email")]:
        assert nullable[required] is False, f"{required[0]}.{required[1]} should be NOT NULL"
    assert nullable[("enrolments", "grade")] is True, "grade must allow NULL: some enrolments are not graded yet"


@pytest.mark.task(taskno=2)
def test_migrate_stores_each_fact_once(conn: Connection) -> None:
    normalised(conn)
    counts = {
        table: conn.execute(select(func.count()).select_from(Table(table, MetaData()))).scalar() for table in SCHEMA
    }
    assert counts == {"students": 3, "teachers": 2, "courses": 3, "enrolments": 6}, (
        f"expected 3 students, 2 teachers, 3 courses, 6 enrolments, found {counts}: SELECT DISTINCT the parents"
    )


@pytest.mark.task(taskno=2)
def test_migrate_drops_the_flat_table(conn: Connection, engine: Engine) -> None:
    normalised(conn)
    assert not inspect(engine).has_table("enrolments_flat"), "migrate should DROP TABLE enrolments_flat at the end"


@pytest.mark.task(taskno=3)
def test_enrolment_report_rebuilds_every_flat_row(conn: Connection) -> None:
    normalised(conn)
    report = enrolment_report(conn)
    assert [tuple(row) for row in report] == REPORT, (
        "joining the four tables should give back the original rows, ungraded ones included, "
        "ordered by student email then course code"
    )


@pytest.mark.task(taskno=4)
def test_rename_teacher_is_one_update_seen_everywhere(conn: Connection) -> None:
    normalised(conn)
    changed = rename_teacher(conn, "liskov@uni.example", "Barbara H. Liskov")
    assert changed == 1, f"in 3NF a teacher's name is stored once, so one row changes, not {changed}"
    names = {row[5] for row in enrolment_report(conn) if row[4] == "liskov@uni.example"}
    assert names == {"Barbara H. Liskov"}, f"every course of that teacher should show the new name, saw {names}"
    assert rename_teacher(conn, "nobody@uni.example", "X") == 0, "an unknown teacher changes no rows"
