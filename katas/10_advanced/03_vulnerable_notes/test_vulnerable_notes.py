"""Tests for the fix-the-vulnerabilities kata: each test is an attack that must fail, next to the normal use
that must keep working.

Mistakes these tests catch (the holes, and half-fixes): SQL built with an f-string (a quote in the search
reads other users' notes), escaping quotes by hand instead of parameters, reading any note by id (IDOR) or
answering 403 (which confirms the note exists), `|safe` on user content (stored XSS), legitimate HTML-looking
text double-escaped or removed, `os.path.join` on a user path (../ walks out of the upload folder), a fix that
breaks normal downloads, tokens compared with `!=` (timing leak), a missing or unknown user let in.
"""

import hmac
import threading
from collections.abc import Iterator
from pathlib import Path
from unittest.mock import patch

import pytest
from flask import Flask
from flask.testing import FlaskClient
from vulnerable_notes import create_app

ALICE = {"X-User": "alice", "X-Token": "tok-alice-7f3a"}


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    """An app with two users, an upload folder holding hello.txt, and a secret file just outside it."""
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (uploads / "hello.txt").write_text("hello, alice", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("DATABASE_PASSWORD=hunter2", encoding="utf-8")
    (tmp_path / "uploads-private").mkdir()  # a neighbour whose name starts like the upload folder's
    (tmp_path / "uploads-private" / "key.txt").write_text("PRIVATE_KEY=hunter2", encoding="utf-8")
    return create_app({"TOKENS": {"alice": "tok-alice-7f3a", "bob": "tok-bob-91c2"}, "UPLOAD_FOLDER": str(uploads)})


@pytest.fixture
def client(app: Flask) -> Iterator[FlaskClient]:
    """A test client for the app."""
    with app.test_client() as test_client:
        yield test_client


@pytest.mark.task(taskno=1)
def test_default_app_lets_nobody_in() -> None:
    app = create_app()
    assert app.config["UPLOAD_FOLDER"] == "uploads"
    assert app.test_client().get("/notes", headers=ALICE).status_code == 401, "no tokens configured: refuse everyone"


@pytest.mark.task(taskno=1)
def test_app_answers_from_another_thread(app: Flask) -> None:
    statuses: list[int] = []

    def request_in_a_worker_thread() -> None:
        statuses.append(app.test_client().get("/notes?q=Gro", headers=ALICE).status_code)

    worker = threading.Thread(target=request_in_a_worker_thread)
    worker.start()
    worker.join(timeout=5)
    assert statuses == [200], "a server answers from worker threads: the database connection must allow that"


@pytest.mark.task(taskno=1)
def test_search_finds_your_own_notes(client: FlaskClient) -> None:
    assert client.get("/notes?q=Gro", headers=ALICE).get_json() == [{"id": 1, "title": "Groceries"}]
    assert client.get("/notes?q=it's", headers=ALICE).status_code == 200, "a quote in a search must not break it"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("attack", ["' OR '1'='1", "%' OR owner='bob' --", "x' UNION SELECT id, body FROM notes --"])
def test_search_is_not_injectable(client: FlaskClient, attack: str) -> None:
    response = client.get("/notes", query_string={"q": attack}, headers=ALICE)
    found = response.get_json() if response.status_code == 200 else []
    assert all(note["id"] in (1, 2) for note in found), f"{attack!r} read bob's note: pass the input as parameters"
    assert "PIN 4921" not in response.get_data(as_text=True)


@pytest.mark.task(taskno=2)
def test_you_can_read_your_note(client: FlaskClient) -> None:
    assert client.get("/notes/1", headers=ALICE).get_json()["body"] == "eggs, milk"


@pytest.mark.task(taskno=2)
def test_you_cannot_read_someone_elses_note(client: FlaskClient) -> None:
    response = client.get("/notes/3", headers=ALICE)
    assert "PIN 4921" not in response.get_data(as_text=True), "alice read bob's note by guessing its id (IDOR)"
    assert response.status_code == 404, "answer 404, as for a missing note: 403 would confirm that note 3 exists"
    assert client.get("/notes/3/view", headers=ALICE).status_code == 404


@pytest.mark.task(taskno=3)
def test_note_page_escapes_the_body(client: FlaskClient) -> None:
    page = client.get("/notes/2/view", headers=ALICE).get_data(as_text=True)
    assert "<b>bold</b>" not in page, "user content rendered as HTML: a <script> in a note would run (stored XSS)"
    assert "a &lt;b&gt;bold&lt;/b&gt; plan" in page, "show the text as written, escaped once"


@pytest.mark.task(taskno=4)
def test_files_in_the_upload_folder_can_be_downloaded(client: FlaskClient) -> None:
    response = client.get("/files/hello.txt", headers=ALICE)
    body = response.get_data(as_text=True)
    response.close()  # a file response streams: close it, as a server would
    assert response.status_code == 200
    assert body == "hello, alice"


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(
    "path",
    [
        "../secret.txt",
        "..%2Fsecret.txt",
        "%2e%2e/secret.txt",
        "sub/../../secret.txt",
        "....//secret.txt",  # what is left after removing "../" once
        "../uploads-private/key.txt",  # passes a check that the path only *starts with* the folder's name
    ],
)
def test_files_outside_the_upload_folder_are_out_of_reach(client: FlaskClient, path: str) -> None:
    try:
        response = client.get(f"/files/{path}", headers=ALICE)
    except OSError:
        pytest.fail(f"/files/{path} reached the file system outside the folder: use send_from_directory")
    body = response.get_data(as_text=True)
    response.close()
    assert "hunter2" not in body, f"/files/{path} read a file outside the upload folder"
    assert response.status_code == 404, f"/files/{path}: answer 404 Not Found"


@pytest.mark.task(taskno=5)
@pytest.mark.parametrize(
    "headers",
    [{}, {"X-User": "alice"}, {"X-User": "alice", "X-Token": "tok-bob-91c2"}, {"X-User": "eve", "X-Token": "x"}],
)
def test_requests_without_the_right_token_are_refused(client: FlaskClient, headers: dict[str, str]) -> None:
    assert client.get("/notes", headers=headers).status_code == 401


@pytest.mark.task(taskno=5)
def test_tokens_are_compared_in_constant_time(client: FlaskClient) -> None:
    with patch("hmac.compare_digest", wraps=hmac.compare_digest) as spy:
        assert client.get("/notes", headers=ALICE).status_code == 200
        assert client.get("/notes", headers={**ALICE, "X-Token": "tok-alice-0000"}).status_code == 401
    assert spy.call_count >= 2, "compare tokens with hmac.compare_digest: != returns faster the earlier they differ"
