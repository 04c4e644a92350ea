"""Tests for the forms kata: Flask-WTF with CSRF protection ON, driven by Flask's test client.

The tests read the CSRF token from the page, as a browser would, and post it back.

Mistakes these tests catch: a name of 41 characters or an address without "@"
or a dot accepted, an empty age rejected (Optional missing) or 12 and 121
accepted, the terms box not required, CSRF switched off (a post without the
token is stored), the token not rendered in the form, a valid post answered 200
(a reload posts twice) or redirected with 302 instead of 303, the flash message
shown twice or not at all, an invalid post answered 200, its errors not shown or
the typed values lost, markup in a name un-escaped in the flash message.
"""

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_forms import SignupForm
from flask_forms_app import create_app

VALID = {"name": "Ada", "email": "ada@example.org", "age": "36", "accept_terms": "y"}


@pytest.fixture
def app() -> Flask:
    """The app in testing mode, with CSRF protection ON (as in production)."""
    return create_app({"TESTING": True, "SECRET_KEY": "test"})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client; it keeps the session cookie that holds the CSRF secret."""
    return app.test_client()


def errors_for(app: Flask, **changes: str | None) -> dict[str, Any]:
    """Validate VALID with some fields changed (None removes one), CSRF off: the field errors."""
    data = {key: value for key, value in {**VALID, **changes}.items() if value is not None}
    with app.test_request_context(method="POST", data=data):
        form = SignupForm(meta={"csrf": False})
        form.validate()
        return dict(form.errors)


def csrf_token(client: FlaskClient) -> str:
    """GET the form and read its hidden csrf_token, as a browser would."""
    response = client.get("/signup")
    assert response.status_code == 200, f"GET /signup should answer 200, got {response.status_code}"
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.get_data(as_text=True))
    assert found, "the form should contain the hidden csrf_token input: {{ form.csrf_token }}"
    return found.group(1)


@pytest.mark.task(taskno=1)
def test_valid_data_has_no_errors(app: Flask) -> None:
    assert errors_for(app) == {}, "the VALID data should pass every validator"
    assert errors_for(app, age="") == {}, "age may be left empty: Optional()"
    assert errors_for(app, name="x" * 40, age="13") == {}, "40 characters and age 13 are still fine"
    assert errors_for(app, age="120") == {}, "age 120 is still fine: both ends of 13 to 120 are allowed"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 41}, "name"),
        ({"email": None}, "email"),
        ({"email": "ada"}, "email"),
        ({"email": "ada@example"}, "email"),
        ({"email": "a da@example.org"}, "email"),
        ({"age": "12"}, "age"),
        ({"age": "121"}, "age"),
        ({"accept_terms": None}, "accept_terms"),
    ],
    ids=["no-name", "long-name", "no-email", "no-at", "no-dot", "space", "age-12", "age-121", "terms"],
)
def test_bad_fields_are_rejected(app: Flask, changes: dict[str, str | None], field: str) -> None:
    errors = errors_for(app, **changes)
    assert field in errors, f"{changes} should give an error on {field!r}, got {errors}"


@pytest.mark.task(taskno=1)
def test_error_messages_speak_to_the_user(app: Flask) -> None:
    assert errors_for(app, email="ada").get("email") == ["Enter a valid email address."]
    assert errors_for(app, accept_terms=None).get("accept_terms") == ["You must accept the terms."]


@pytest.mark.task(taskno=2)
def test_signup_page_shows_every_field_and_the_csrf_token(client: FlaskClient) -> None:
    assert csrf_token(client), "the csrf_token should have a value"
    html = client.get("/signup").get_data(as_text=True)
    for name in ("name", "email", "age", "accept_terms"):
        assert f'name="{name}"' in html, f"the form should have an input named {name!r}"
    assert re.search(r'<form[^>]*method="post"', html, re.IGNORECASE), "the form should POST"


@pytest.mark.task(taskno=3)
def test_valid_signup_is_stored_and_redirected_with_303(app: Flask, client: FlaskClient) -> None:
    response = client.post("/signup", data={**VALID, "csrf_token": csrf_token(client)})
    assert response.status_code == 303, (
        f"a valid post should redirect with 303 See Other (redirect-after-post), got {response.status_code}"
    )
    assert response.headers.get("Location") == "/signup", "redirect back to the form: url_for('signup')"
    assert app.extensions["signups"] == [{"name": "Ada", "email": "ada@example.org", "age": 36}], (
        "the signup should be stored once, with age as an int"
    )


@pytest.mark.task(taskno=3)
def test_the_name_is_stored_and_greeted_without_spaces(app: Flask, client: FlaskClient) -> None:
    client.post("/signup", data={**VALID, "name": "  Ada  ", "csrf_token": csrf_token(client)})
    stored = [signup["name"] for signup in app.extensions["signups"]]
    assert stored == ["Ada"], f"store the name stripped of spaces: expected ['Ada'], got {stored}"
    assert '<p class="flash">Welcome, Ada!</p>' in client.get("/signup").get_data(as_text=True), (
        "greet the stripped name: 'Welcome, Ada!'"
    )


@pytest.mark.task(taskno=3)
def test_the_empty_form_shows_no_errors(client: FlaskClient) -> None:
    html = client.get("/signup").get_data(as_text=True)
    assert 'class="errors"' not in html, (
        "GET /signup shows the empty form without errors: validate only a submitted form (validate_on_submit)"
    )


@pytest.mark.task(taskno=3)
def test_the_flash_message_shows_once_and_escaped(client: FlaskClient) -> None:
    client.post("/signup", data={**VALID, "name": "<b>Bo</b>", "csrf_token": csrf_token(client)})
    after = client.get("/signup").get_data(as_text=True)
    assert '<p class="flash">Welcome, &lt;b&gt;Bo&lt;/b&gt;!</p>' in after, (
        "after the redirect the page should flash 'Welcome, <name>!' in <p class=\"flash\">, escaped"
    )
    assert "Welcome" not in client.get("/signup").get_data(as_text=True), "a flash message shows only once"


@pytest.mark.task(taskno=3)
def test_invalid_signup_shows_errors_and_keeps_values(app: Flask, client: FlaskClient) -> None:
    response = client.post("/signup", data={**VALID, "email": "ada", "csrf_token": csrf_token(client)})
    assert response.status_code == 400, f"an invalid form should be shown again with 400, got {response.status_code}"
    html = response.get_data(as_text=True)
    assert re.search(r'<ul class="errors">\s*<li>Enter a valid email address.</li>', html), (
        'show each field\'s errors in a <ul class="errors">'
    )
    assert 'value="Ada"' in html, "keep what the user typed: render the fields with {{ field() }}"
    assert app.extensions["signups"] == [], "an invalid signup must not be stored"


@pytest.mark.task(taskno=3)
def test_post_without_csrf_token_is_refused(app: Flask, client: FlaskClient) -> None:
    client.get("/signup")
    response = client.post("/signup", data=VALID)
    assert response.status_code == 400, (
        f"a post without the CSRF token should be refused with 400, got {response.status_code}"
    )
    assert "CSRF" in response.get_data(as_text=True), "say why: show form.csrf_token.errors"
    assert app.extensions["signups"] == [], "a forged post must not be stored"
