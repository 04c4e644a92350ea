"""Tests for the Flask-SQLAlchemy kata, through Flask's test client on a fresh SQLite file per test.

Mistakes these tests catch: `title` nullable or not unique, `done` without its
default, tasks listed in insertion order or the `done` filter ignored, a blank
or 201-character title accepted, 200 instead of 201, no Location, a duplicate
title crashing with 500 instead of 409, `session.get` + manual None checks
forgotten (500 instead of 404), "done": "yes" accepted, a bulk create that
commits task by task (the tasks before a clash stay), `init-db` that keeps old
rows or prints nothing.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_database import Task, db
from flask_database_app import create_app
from sqlalchemy import inspect


def require_model() -> None:
    """Task 1 comes first: fail with a clear message while Task lacks its columns."""
    missing = [name for name in ("title", "done") if name not in inspect(Task).attrs]
    assert not missing, f"do task 1 first: Task still lacks {', '.join(missing)}"


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    """The app on a fresh SQLite file, its tables created by the test (not by your init-db)."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'tasks.db'}"})
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client: each request gets its own app context, so its own database session."""
    return app.test_client()


def titles(client: FlaskClient, query: str = "") -> list[str]:
    response = client.get(f"/tasks{query}")
    assert response.status_code == 200, f"GET /tasks{query} should answer 200, got {response.status_code}"
    return [task["title"] for task in response.get_json()]


def create(client: FlaskClient, title: str) -> Any:
    response = client.post("/tasks", json={"title": title})
    assert response.status_code == 201, f"POST /tasks {title!r} should answer 201, got {response.status_code}"
    return response.get_json()


@pytest.mark.task(taskno=1)
def test_task_columns_are_typed_and_constrained(app: Flask) -> None:
    require_model()
    with app.app_context():
        inspector = inspect(db.engine)
        columns = {column["name"]: column for column in inspector.get_columns("tasks")}
        unique = [c["column_names"] for c in inspector.get_unique_constraints("tasks")]
        unique += [i["column_names"] for i in inspector.get_indexes("tasks") if i["unique"]]
    assert columns["title"]["nullable"] is False, "title should be Mapped[str] (NOT NULL)"
    assert getattr(columns["title"]["type"], "length", None) == 200, "title should be String(200)"
    assert columns["done"]["nullable"] is False, "done should be Mapped[bool] (NOT NULL)"
    assert ["title"] in unique, "two tasks cannot share a title: mapped_column(..., unique=True)"


@pytest.mark.task(taskno=1)
def test_done_defaults_to_false(app: Flask) -> None:
    require_model()
    with app.app_context():
        task = Task(title="Write tests")
        db.session.add(task)
        db.session.commit()
        assert task.done is False, "a new task is not done: mapped_column(default=False)"


@pytest.mark.task(taskno=2)
def test_create_task_answers_201_with_location(client: FlaskClient) -> None:
    response = client.post("/tasks", json={"title": "  Write tests "})
    assert response.status_code == 201, f"POST /tasks should answer 201, got {response.status_code}"
    assert response.get_json() == {"id": 1, "title": "Write tests", "done": False}, (
        "return the new task, title stripped"
    )
    assert response.headers.get("Location") == "/tasks/1", "Location should be the new task's URL"
    assert client.get("/tasks/1").get_json() == response.get_json(), "GET /tasks/1 should return the same task"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({}, "title must be a non-empty string"),
        ({"title": ""}, "title must be a non-empty string"),
        ({"title": "   "}, "title must be a non-empty string"),
        ({"title": 7}, "title must be a non-empty string"),
        ({"title": "x" * 201}, "title must be at most 200 characters"),
        (["a"], "send a JSON object"),
    ],
)
def test_create_task_rejects_bad_titles(client: FlaskClient, body: object, reason: str) -> None:
    response = client.post("/tasks", json=body)
    assert response.status_code == 400, f"POST /tasks {body!r} should answer 400, got {response.status_code}"
    assert f"<p>{reason}</p>" in response.get_data(as_text=True), (
        f"the 400 should say exactly why: abort(400, {reason!r})"
    )
    assert titles(client) == [], "nothing should be stored"


@pytest.mark.task(taskno=2)
def test_a_body_that_is_not_json_is_a_400(client: FlaskClient) -> None:
    response = client.post("/tasks", data="Write tests", content_type="text/plain")
    assert response.status_code == 400, (
        f"a body that is not JSON should answer 400, got {response.status_code}: read it with get_json(silent=True)"
    )


@pytest.mark.task(taskno=2)
def test_a_title_of_exactly_200_characters_is_allowed(client: FlaskClient) -> None:
    response = client.post("/tasks", json={"title": "x" * 200})
    assert response.status_code == 201, f"200 characters is the limit, not over it: got {response.status_code}"
    padded = client.post("/tasks", json={"title": "  " + "y" * 200 + "  "})
    assert padded.status_code == 201, (
        f"the limit applies to the stripped title: 200 characters with spaces around is fine, got {padded.status_code}"
    )


@pytest.mark.task(taskno=2)
def test_list_tasks_by_id_with_a_done_filter(client: FlaskClient) -> None:
    for title in ["b", "a", "c"]:
        create(client, title)
    assert client.patch("/tasks/2", json={"done": True}).status_code == 200, "PATCH should answer 200"
    assert titles(client) == ["b", "a", "c"], "list every task by id"
    assert titles(client, "?done=true") == ["a"], "?done=true keeps the done ones"
    assert titles(client, "?done=false") == ["b", "c"], "?done=false keeps the others"
    for unknown in ("maybe", "1", "True"):
        answer = client.get(f"/tasks?done={unknown}").status_code
        assert answer == 400, f"?done={unknown} is neither true nor false: 400, got {answer}"


@pytest.mark.task(taskno=2)
def test_update_task_validates_and_saves(client: FlaskClient) -> None:
    create(client, "Write tests")
    response = client.patch("/tasks/1", json={"done": True, "title": "Write more tests"})
    assert response.get_json() == {"id": 1, "title": "Write more tests", "done": True}, "PATCH changes both"
    assert client.get("/tasks/1").get_json()["done"] is True, "the change must be committed"
    for not_a_bool in ("yes", 1, 0, None):
        answer = client.patch("/tasks/1", json={"done": not_a_bool}).status_code
        assert answer == 400, f'"done": {not_a_bool!r} should be a 400 (only true or false), got {answer}'
    assert client.patch("/tasks/99", json={"done": True}).status_code == 404, "unknown id: db.get_or_404"


@pytest.mark.task(taskno=2)
def test_delete_task_answers_204_then_404(client: FlaskClient) -> None:
    create(client, "Write tests")
    assert client.delete("/tasks/1").status_code == 204, "DELETE should answer 204"
    assert client.delete("/tasks/1").status_code == 404, "a second DELETE finds nothing"
    assert client.get("/tasks/1").status_code == 404, "the task is gone"


@pytest.mark.task(taskno=3)
def test_duplicate_title_is_a_409_and_the_app_carries_on(client: FlaskClient) -> None:
    create(client, "Write tests")
    response = client.post("/tasks", json={"title": "Write tests"})
    assert response.status_code == 409, (
        f"a duplicate title should answer 409 Conflict, got {response.status_code}: catch IntegrityError, roll back"
    )
    assert "<p>a task with that title already exists</p>" in response.get_data(as_text=True), (
        'the 409 should say exactly why: abort(409, "a task with that title already exists")'
    )
    create(client, "Ship it")
    assert titles(client) == ["Write tests", "Ship it"], "after the 409 the app keeps working normally"


@pytest.mark.task(taskno=3)
def test_bulk_create_stores_all_in_one_go(client: FlaskClient) -> None:
    response = client.post("/tasks/bulk", json={"titles": ["a", "b", "c"]})
    assert response.status_code == 201, f"POST /tasks/bulk should answer 201, got {response.status_code}"
    assert [task["id"] for task in response.get_json()] == [1, 2, 3], "return the new tasks with their ids"
    assert titles(client) == ["a", "b", "c"]


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("batch", "status"),
    [(["new", "old"], 409), (["new", "new"], 409), (["new", " "], 400), ([], 400)],
    ids=["clash-with-stored", "clash-in-batch", "blank", "empty"],
)
def test_bulk_create_is_all_or_nothing(client: FlaskClient, batch: list[str], status: int) -> None:
    create(client, "old")
    response = client.post("/tasks/bulk", json={"titles": batch})
    assert response.status_code == status, f"bulk {batch} should answer {status}, got {response.status_code}"
    assert titles(client) == ["old"], "one bad title must leave nothing behind: add them all, commit once"


@pytest.mark.task(taskno=3)
def test_init_db_command_resets_the_tables(app: Flask, client: FlaskClient) -> None:
    create(client, "old")
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0, f"`flask init-db` failed:\n{result.output}"
    assert "Initialised the database." in result.output, "init-db should say what it did"
    assert titles(client) == [], "init-db drops and re-creates the tables: no old rows"
