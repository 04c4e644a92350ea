"""Normalisation: split one flat table of enrolments into third normal form.

The flat table (made by the tests) repeats facts on every row:

    enrolments_flat(student_email, student_name, course_code, course_title,
                    teacher_email, teacher_name, grade)

Every function takes an open `sqlalchemy.Connection` and leaves committing to the caller.
"""

from sqlalchemy import Connection


def create_schema(conn: Connection) -> None:
    """Create students, teachers, courses and enrolments, with their keys (see the README)."""
    raise NotImplementedError("create_schema: write me (task 1)")


def migrate(conn: Connection) -> None:
    """Copy every fact from enrolments_flat into the new tables once, then drop enrolments_flat."""
    raise NotImplementedError("migrate: write me (task 2)")


def enrolment_report(conn: Connection) -> list[tuple[str, str, str, str, str, str, str | None]]:
    """Rebuild the flat rows from the new tables, ordered by student email, then course code."""
    raise NotImplementedError("enrolment_report: write me (task 3)")


def rename_teacher(conn: Connection, email: str, name: str) -> int:
    """Change a teacher's name; return how many rows the UPDATE changed."""
    raise NotImplementedError("rename_teacher: write me (task 4)")
