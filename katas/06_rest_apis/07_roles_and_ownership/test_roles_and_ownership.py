"""Tests for the roles-and-ownership kata.

Mistakes these tests catch: a role check that lets viewers create, 403 (or a
crash) where nobody is logged in (that is 401), a typo in a role name that
silently locks everyone out, members listing everybody's invoices, admins
limited to their own, 403 for another user's invoice (which tells an attacker
the id exists: answer 404, the same as for a missing one), checking the
permission before the visibility (a 403 that leaks the same fact), owners
deleting an invoice already sent, and a refused delete that deletes anyway.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from roles_and_ownership import LOG_IN_FIRST, User, require_role
from roles_and_ownership_app import create_app

SESSIONS = {
    "t-ada": User("ada", "member"),
    "t-bob": User("bob", "member"),
    "t-vic": User("vic", "viewer"),
    "t-root": User("root", "admin"),
}
INVOICES: list[dict[str, Any]] = [
    {"id": 1, "owner": "ada", "amount": 1200, "status": "draft"},
    {"id": 2, "owner": "bob", "amount": 500, "status": "draft"},
    {"id": 3, "owner": "ada", "amount": 9900, "status": "sent"},
]


@pytest.fixture
def client() -> FlaskClient:
    """A test client for an app with ada and bob (members), vic (viewer), root (admin) and three invoices."""
    app = create_app(SESSIONS, INVOICES)
    app.config["TESTING"] = True
    return app.test_client()


def _as(user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer t-{user}"}


def _ids(client: FlaskClient, user: str) -> list[int]:
    response = client.get("/invoices", headers=_as(user))
    assert response.status_code == 200
    return [invoice["id"] for invoice in response.get_json()]


@pytest.mark.task(taskno=1)
def test_member_can_create(client: FlaskClient) -> None:
    response = client.post("/invoices", json={"amount": 700}, headers=_as("ada"))
    assert response.status_code == 201, "members may create invoices"
    assert response.get_json()["owner"] == "ada", "the caller owns what they create"


@pytest.mark.task(taskno=1)
def test_viewer_cannot_create(client: FlaskClient) -> None:
    response = client.post("/invoices", json={"amount": 700}, headers=_as("vic"))
    assert response.status_code == 403, "a viewer is known but not allowed: 403 Forbidden"
    assert _ids(client, "root") == [1, 2, 3], "a refused request must not create anything"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    "authorization", [None, "Bearer t-nobody", "Token t-ada"], ids=["no-token", "unknown-token", "other-scheme"]
)
def test_create_without_login_is_401(client: FlaskClient, authorization: str | None) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    response = client.post("/invoices", json={"amount": 700}, headers=headers)
    assert response.status_code == 401, "nobody logged in is 401 Unauthorized, not 403: call current_user() first"
    assert LOG_IN_FIRST.encode() in response.data


@pytest.mark.task(taskno=1)
def test_require_role_refuses_unknown_role_names() -> None:
    message = ""
    try:
        require_role("member", "admn")
    except ValueError as error:
        message = str(error)
    assert message, "require_role('admn') must raise ValueError at once: a typo would lock everyone out"
    assert "admn" in message, f"name the unknown role in the error, got {message!r}"


@pytest.mark.task(taskno=1)
def test_require_role_keeps_the_view_and_its_arguments() -> None:
    def total(net: int, *, tax: int = 0) -> int:
        """Net plus tax."""
        return net + tax

    guarded = require_role("member")(total)
    assert (guarded.__name__, guarded.__doc__) == ("total", "Net plus tax."), (
        f"the wrapper is named {guarded.__name__!r}: keep the view's name and docstring with functools.wraps "
        "(Flask names each endpoint after its view, so unnamed wrappers clash)"
    )
    app = create_app(SESSIONS, INVOICES)
    with app.test_request_context(headers=_as("ada")):
        assert guarded(100, tax=20) == 120, "pass every positional and keyword argument on to the view"


@pytest.mark.task(taskno=2)
def test_members_list_only_their_own(client: FlaskClient) -> None:
    assert _ids(client, "ada") == [1, 3], "ada owns invoices 1 and 3"
    assert _ids(client, "bob") == [2], "bob owns invoice 2"
    assert _ids(client, "vic") == [], "vic owns nothing"


@pytest.mark.task(taskno=2)
def test_admin_lists_everything(client: FlaskClient) -> None:
    assert _ids(client, "root") == [1, 2, 3], "an admin sees every invoice"


@pytest.mark.task(taskno=2)
def test_owner_and_admin_can_read_an_invoice(client: FlaskClient) -> None:
    assert client.get("/invoices/1", headers=_as("ada")).get_json() == INVOICES[0]
    assert client.get("/invoices/1", headers=_as("root")).status_code == 200


@pytest.mark.task(taskno=2)
def test_someone_elses_invoice_looks_missing(client: FlaskClient) -> None:
    theirs = client.get("/invoices/1", headers=_as("bob"))
    missing = client.get("/invoices/99", headers=_as("bob"))
    assert theirs.status_code == 404, "another user's invoice is 404: a 403 would confirm that invoice 1 exists"
    assert missing.status_code == 404
    assert b"invoice 99 not found" in missing.data, "abort(404, f'invoice {invoice_id} not found')"
    assert theirs.data.replace(b"invoice 1 ", b"invoice # ") == missing.data.replace(b"invoice 99 ", b"invoice # "), (
        "the answer for someone else's invoice must look exactly like the one for a missing invoice"
    )


@pytest.mark.task(taskno=3)
def test_owner_deletes_a_draft(client: FlaskClient) -> None:
    response = client.delete("/invoices/1", headers=_as("ada"))
    assert response.status_code == 204
    assert _ids(client, "ada") == [3]


@pytest.mark.task(taskno=3)
def test_owner_cannot_delete_a_sent_invoice(client: FlaskClient) -> None:
    response = client.delete("/invoices/3", headers=_as("ada"))
    assert response.status_code == 403, "ada can see invoice 3 but may not delete it once sent: 403"
    assert _ids(client, "ada") == [1, 3], "a refused delete must not delete"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("invoice_id", [1, 3], ids=["draft", "sent"])
def test_deleting_someone_elses_invoice_is_404(client: FlaskClient, invoice_id: int) -> None:
    response = client.delete(f"/invoices/{invoice_id}", headers=_as("bob"))
    assert response.status_code == 404, "check visibility first: bob cannot see ada's invoices, so they are 404"
    assert invoice_id in _ids(client, "ada")


@pytest.mark.task(taskno=3)
def test_admin_deletes_anything(client: FlaskClient) -> None:
    assert client.delete("/invoices/3", headers=_as("root")).status_code == 204, "admins may delete sent invoices"
    assert client.delete("/invoices/2", headers=_as("root")).status_code == 204
    assert _ids(client, "root") == [1]


@pytest.mark.task(taskno=3)
def test_delete_without_login_is_401(client: FlaskClient) -> None:
    assert client.delete("/invoices/1").status_code == 401
