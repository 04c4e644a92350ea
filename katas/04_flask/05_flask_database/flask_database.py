"""Database integration: Flask-SQLAlchemy 3 with a typed model, one session (and transaction) per request."""

from typing import Any

import click
from flask import Blueprint
from flask.cli import with_appcontext
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """SQLAlchemy 2 declarative base: models subclass it and declare typed Mapped[...] columns."""


db = SQLAlchemy(model_class=Base)  # bound to an app in create_app: db.init_app(app)


class Task(Base):
    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    # TODO task 1: `title` (up to 200 characters, required, unique) and `done` (bool, required, default False)


def task_json(task: Task) -> dict[str, Any]:
    """{"id": 1, "title": "Write tests", "done": false}"""
    raise NotImplementedError("task_json: write me (task 2)")


tasks = Blueprint("tasks", __name__)


@tasks.get("/tasks")
def list_tasks() -> Any:
    """Every task by id; ?done=true or ?done=false keeps only those."""
    raise NotImplementedError("list_tasks: write me (task 2)")


@tasks.post("/tasks")
def create_task() -> Any:
    """Create from {"title": ...}: 201 + Location, 400 for a bad title, 409 for a title already used."""
    raise NotImplementedError("create_task: write me (task 2 and 3)")


@tasks.get("/tasks/<int:task_id>")
def get_task(task_id: int) -> Any:
    """One task, or 404."""
    raise NotImplementedError("get_task: write me (task 2)")


@tasks.patch("/tasks/<int:task_id>")
def update_task(task_id: int) -> Any:
    """Change "done" (a bool) and/or "title": 200 with the task, 400 for bad values, 404 if unknown."""
    raise NotImplementedError("update_task: write me (task 2)")


@tasks.delete("/tasks/<int:task_id>")
def delete_task(task_id: int) -> Any:
    """Delete: 204, or 404."""
    raise NotImplementedError("delete_task: write me (task 2)")


@tasks.post("/tasks/bulk")
def create_tasks() -> Any:
    """Create from {"titles": [...]} in ONE transaction: 201 with them all, or 400/409 and none stored."""
    raise NotImplementedError("create_tasks: write me (task 3)")


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Drop and re-create every table, then print "Initialised the database."."""
    raise NotImplementedError("init-db: write me (task 3)")
