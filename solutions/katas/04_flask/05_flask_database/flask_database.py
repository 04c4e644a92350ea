"""Database integration: Flask-SQLAlchemy 3 with a typed model, one session (and transaction) per request."""

from typing import Any

import click
from flask import Blueprint, abort, request, url_for
from flask.cli import with_appcontext
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """SQLAlchemy 2 declarative base: models subclass it and declare typed Mapped[...] columns."""


db = SQLAlchemy(model_class=Base)  # bound to an app in create_app: db.init_app(app)

MAX_TITLE = 200


class Task(Base):
    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(MAX_TITLE), unique=True)
    done: Mapped[bool] = mapped_column(default=False)


def task_json(task: Task) -> dict[str, Any]:
    """{"id": 1, "title": "Write tests", "done": false}"""
    return {"id": task.id, "title": task.title, "done": task.done}


def _title(value: object) -> str:
    """A clean title, or abort(400)."""
    if not isinstance(value, str) or not value.strip():
        abort(400, "title must be a non-empty string")
    if len(value.strip()) > MAX_TITLE:
        abort(400, f"title must be at most {MAX_TITLE} characters")
    return value.strip()


def _json_object() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "send a JSON object")
    return data


def _commit_or_409() -> None:
    """Commit this request's transaction; on a unique-title clash roll it back and answer 409."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # the session is unusable until rolled back
        abort(409, "a task with that title already exists")


tasks = Blueprint("tasks", __name__)


@tasks.get("/tasks")
def list_tasks() -> Any:
    """Every task by id; ?done=true or ?done=false keeps only those."""
    query = db.select(Task).order_by(Task.id)
    done = request.args.get("done")
    if done is not None:
        if done not in ("true", "false"):
            abort(400, "done must be true or false")
        query = query.where(Task.done == (done == "true"))
    return [task_json(task) for task in db.session.scalars(query)]


@tasks.post("/tasks")
def create_task() -> Any:
    """Create from {"title": ...}: 201 + Location, 400 for a bad title, 409 for a title already used."""
    task = Task(title=_title(_json_object().get("title")))
    db.session.add(task)
    _commit_or_409()
    return task_json(task), 201, {"Location": url_for("tasks.get_task", task_id=task.id)}


@tasks.get("/tasks/<int:task_id>")
def get_task(task_id: int) -> Any:
    """One task, or 404."""
    return task_json(db.get_or_404(Task, task_id))


@tasks.patch("/tasks/<int:task_id>")
def update_task(task_id: int) -> Any:
    """Change "done" (a bool) and/or "title": 200 with the task, 400 for bad values, 404 if unknown."""
    task = db.get_or_404(Task, task_id)
    data = _json_object()
    if "done" in data:
        if not isinstance(data["done"], bool):
            abort(400, "done must be true or false")
        task.done = data["done"]
    if "title" in data:
        task.title = _title(data["title"])
    _commit_or_409()
    return task_json(task)


@tasks.delete("/tasks/<int:task_id>")
def delete_task(task_id: int) -> Any:
    """Delete: 204, or 404."""
    db.session.delete(db.get_or_404(Task, task_id))
    db.session.commit()
    return "", 204


@tasks.post("/tasks/bulk")
def create_tasks() -> Any:
    """Create from {"titles": [...]} in ONE transaction: 201 with them all, or 400/409 and none stored."""
    titles = _json_object().get("titles")
    if not isinstance(titles, list) or not titles:
        abort(400, "titles must be a non-empty list")
    new = [Task(title=_title(title)) for title in titles]  # validate everything before touching the session
    db.session.add_all(new)
    _commit_or_409()  # one commit: every task is stored, or (on a clash) none is
    return [task_json(task) for task in new], 201


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Drop and re-create every table, then print "Initialised the database."."""
    db.drop_all()
    db.create_all()
    click.echo("Initialised the database.")
