"""Normalisation: split one flat table of enrolments into third normal form.

The flat table (made by the tests) repeats facts on every row:

    enrolments_flat(student_email, student_name, course_code, course_title,
                    teacher_email, teacher_name, grade)

Every function takes an open `sqlalchemy.Connection` and leaves committing to the caller.
"""

from typing import cast

from sqlalchemy import Connection, text

# One fact per table: a student's name depends on the student only, a course's title and
# teacher on the course only, a teacher's name on the teacher only (not on the course: that
# transitive dependency is what 3NF removes), and a grade on the (student, course) pair.
_SCHEMA = (
    """
    CREATE TABLE students (
        email VARCHAR(254) PRIMARY KEY,
        name  VARCHAR(120) NOT NULL
    )
    """,
    """
    CREATE TABLE teachers (
        email VARCHAR(254) PRIMARY KEY,
        name  VARCHAR(120) NOT NULL
    )
    """,
    """
    CREATE TABLE courses (
        code          VARCHAR(20)  PRIMARY KEY,
        title         VARCHAR(200) NOT NULL,
        teacher_email VARCHAR(254) NOT NULL REFERENCES teachers (email)
    )
    """,
    """
    CREATE TABLE enrolments (
        student_email VARCHAR(254) NOT NULL REFERENCES students (email),
        course_code   VARCHAR(20)  NOT NULL REFERENCES courses (code),
        grade         VARCHAR(2),
        PRIMARY KEY (student_email, course_code)
    )
    """,
)

# Parents before children, so every foreign key finds its row.
_COPY = (
    "INSERT INTO students (email, name) SELECT DISTINCT student_email, student_name FROM enrolments_flat",
    "INSERT INTO teachers (email, name) SELECT DISTINCT teacher_email, teacher_name FROM enrolments_flat",
    """
    INSERT INTO courses (code, title, teacher_email)
    SELECT DISTINCT course_code, course_title, teacher_email FROM enrolments_flat
    """,
    """
    INSERT INTO enrolments (student_email, course_code, grade)
    SELECT student_email, course_code, grade FROM enrolments_flat
    """,
    "DROP TABLE enrolments_flat",
)

Row = tuple[str, str, str, str, str, str, str | None]


def create_schema(conn: Connection) -> None:
    """Create students, teachers, courses and enrolments, with their keys (see the README)."""
    for statement in _SCHEMA:
        conn.execute(text(statement))


def migrate(conn: Connection) -> None:
    """Copy every fact from enrolments_flat into the new tables once, then drop enrolments_flat."""
    for statement in _COPY:
        conn.execute(text(statement))


def enrolment_report(conn: Connection) -> list[Row]:
    """Rebuild the flat rows from the new tables, ordered by student email, then course code."""
    rows = conn.execute(
        text(
            """
            SELECT s.email, s.name, c.code, c.title, t.email, t.name, e.grade
            FROM enrolments AS e
            JOIN students AS s ON s.email = e.student_email
            JOIN courses AS c ON c.code = e.course_code
            JOIN teachers AS t ON t.email = c.teacher_email
            ORDER BY s.email, c.code
            """
        )
    )
    return [cast(Row, tuple(row)) for row in rows]


def rename_teacher(conn: Connection, email: str, name: str) -> int:
    """Change a teacher's name; return how many rows the UPDATE changed."""
    result = conn.execute(text("UPDATE teachers SET name = :name WHERE email = :email"), {"name": name, "email": email})
    return result.rowcount
