"""Milestone 2: accounts — register, log in, log out, hashed passwords, CSRF and flash messages.

Mistakes these tests catch: passwords stored in plain text or with an unsalted hash; a login that
says which of username and password was wrong; a session kept from before login (fixation); a
logout reachable by GET (any page could log you out); `next` followed to another site (an open
redirect); a form error answered with 200 as if it worked; duplicate usernames or emails; a form
that renders without its CSRF token, or CSRF left off outside tests.
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

PASSWORD = "correct horse battery"  # what the `auth` fixture registers with


def users(app: Flask) -> list[tuple[str, str, str]]:
    from blog.extensions import db
    from blog.models import User

    with app.app_context():
        return [(u.username, u.email, u.password_hash) for u in db.session.scalars(sa.select(User).order_by(User.id))]


@pytest.mark.task(taskno=2)
def test_hash_password_salts_and_verifies(app: Flask) -> None:
    from blog.security import hash_password, verify_password

    with app.app_context():
        first, second = hash_password("s3cret pass"), hash_password("s3cret pass")
        assert first.startswith(("$argon2id$", "scrypt:")), f"use Argon2id (or werkzeug's scrypt), got {first[:20]!r}"
        assert "s3cret pass" not in first
        assert first != second, "every hash has its own random salt, so equal passwords hash differently"
        assert verify_password(first, "s3cret pass")
        assert not verify_password(first, "s3cret Pass"), "a wrong password must not verify"
        assert not verify_password("not a hash", "s3cret pass"), "a malformed hash is False, not an exception"


@pytest.mark.task(taskno=2)
def test_register_page_has_the_form_with_a_csrf_field(client: FlaskClient) -> None:
    page = client.get("/auth/register")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for name in ("username", "email", "password", "confirm"):
        assert f'name="{name}"' in html, f"the register form needs a field named {name!r}"
    assert 'href="/static/style.css"' in html, "every page extends base.html, which links the stylesheet"


@pytest.mark.task(taskno=2)
def test_register_stores_a_hashed_password_and_redirects_to_login(app: Flask, client: FlaskClient, auth) -> None:
    response = auth.register("alice")
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login"
    [(username, email, password_hash)] = users(app)
    assert (username, email) == ("alice", "alice@example.com")
    assert PASSWORD not in password_hash, "never store the password itself"
    assert "Account created" in client.get("/auth/login").get_data(as_text=True), "flash 'Account created...'"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"username": ""}, "This field is required."),
        ({"username": "al"}, "Use 3 to 40 characters."),
        ({"username": "al ice"}, "Use letters, digits, &#39;_&#39; and &#39;-&#39; only."),
        ({"email": "alice"}, "Enter a valid email address."),
        ({"password": "short", "confirm": "short"}, "Use at least 8 characters."),
        ({"confirm": "something else"}, "Passwords must match."),
    ],
)
def test_register_rejects_bad_input(app: Flask, client: FlaskClient, form: dict[str, str], message: str) -> None:
    data = {"username": "alice", "email": "alice@example.com", "password": PASSWORD, "confirm": PASSWORD} | form
    response = client.post("/auth/register", data=data)
    assert response.status_code == 422, "a form that was not accepted answers 422, not 200"
    assert message in response.get_data(as_text=True), f"show the field's error: {message!r}"
    assert users(app) == []


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("clash", "message"),
    [
        (("alice", "other@example.com"), "The username alice is taken."),
        (("bob", "alice@example.com"), "That email is already registered."),
    ],
)
def test_register_rejects_a_taken_username_or_email(app: Flask, auth, clash: tuple[str, str], message: str) -> None:
    auth.register("alice")
    response = auth.register(clash[0], email=clash[1])
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert len(users(app)) == 1


@pytest.mark.task(taskno=2)
def test_login_starts_a_fresh_session(client: FlaskClient, auth) -> None:
    auth.register("alice")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    response = auth.login("alice")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    with client.session_transaction() as session:
        assert isinstance(session.get("user_id"), int), "remember the user's id in the session"
        assert "planted" not in session, "clear the session at login, so nobody can fix it in advance"
    page = client.get("/auth/login").get_data(as_text=True)  # any page shows the flash; this one is yours already
    assert "Welcome back, alice!" in page
    assert "Log out" in page


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(("username", "password"), [("alice", "wrong password"), ("nobody", PASSWORD)])
def test_login_failure_does_not_say_which_part_was_wrong(client: FlaskClient, auth, username, password) -> None:
    auth.register("alice")
    response = auth.login(username, password)
    assert response.status_code == 422
    assert "Incorrect username or password." in response.get_data(as_text=True)
    with client.session_transaction() as session:
        assert "user_id" not in session


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/create", "/create"),
        ("/posts/a-b?page=2", "/posts/a-b?page=2"),
        ("//evil.example/x", "/"),
        ("https://evil.example/", "/"),
        ("https:evil.example", "/"),
        ("/\\evil.example", "/"),
        ("\\\\evil.example", "/"),
        ("/\t/evil.example", "/"),
        ("/\n/evil.example", "/"),
        ("/\r\n/evil.example", "/"),
        (" //evil.example", "/"),
        ("\x01//evil.example", "/"),
        ("/\u2028/evil.example", "/"),
        ("evil.example", "/"),
    ],
)
def test_login_follows_next_only_within_the_site(client: FlaskClient, auth, next_url: str, expected: str) -> None:
    auth.register("alice")
    response = client.post(
        "/auth/login", query_string={"next": next_url}, data={"username": "alice", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == expected, (
        f"follow `next` only when it is a path on this site: browsers drop tabs and newlines and read \\ as /, "
        f"so {next_url!r} must not be followed"
    )


@pytest.mark.task(taskno=2)
def test_login_refuses_next_with_a_raw_encoded_tab(client: FlaskClient, auth) -> None:
    auth.register("alice")
    response = client.post("/auth/login?next=/%09/evil.example", data={"username": "alice", "password": PASSWORD})
    assert response.headers["Location"] == "/", "`/%09/evil.example` is `//evil.example` to a browser"


@pytest.mark.task(taskno=2)
def test_logout_is_post_only_and_forgets_the_user(client: FlaskClient, auth) -> None:
    auth.signup("alice")
    assert client.get("/auth/logout").status_code == 405, "a GET must not log anyone out"
    response = auth.logout()
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    with client.session_transaction() as session:
        assert "user_id" not in session
    assert "You have been logged out." in client.get("/auth/login").get_data(as_text=True)


@pytest.mark.task(taskno=2)
def test_csrf_is_enforced_when_enabled(make_app) -> None:
    from blog.extensions import db

    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        db.create_all()
    client = app.test_client()
    form = {"username": "alice", "email": "alice@example.com", "password": PASSWORD, "confirm": PASSWORD}
    assert client.post("/auth/register", data=form).status_code == 400, "a POST without the CSRF token is refused (400)"
    page = client.get("/auth/register").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page
    )
    assert token, "the form must carry a hidden csrf_token field ({{ form.hidden_tag() }})"
    response = client.post("/auth/register", data=form | {"csrf_token": token.group(1)})
    assert response.status_code == 302, "with the token from the form the same POST works"
