"""Tests for the blueprints kata: blueprints, request hooks, g and teardown, through Flask's test client.

Mistakes these tests catch: a blueprint not registered or the API at the root
(no /api/v1 prefix), endpoint names without the blueprint (`url_for("whoami")`),
a request id that is the same for every request (made once at import), any
incoming X-Request-ID trusted (65 characters, markup), the header missing on
error responses, the API key checked in a before_request on the app (the home
page then needs a key too), a 401 without WWW-Authenticate or as HTML, the
audit done in after_request (it never runs when a view raises).
"""

import re

import pytest
from flask import Flask, url_for
from flask.testing import FlaskClient
from flask_blueprints import create_app
from werkzeug.routing import BuildError

KEY = {"X-API-Key": "k-ada"}


@pytest.fixture
def app() -> Flask:
    """The app in testing mode, with one API key: k-ada belongs to ada."""
    return create_app({"TESTING": True, "API_KEYS": {"k-ada": "ada"}})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the app."""
    return app.test_client()


@pytest.mark.task(taskno=1)
def test_pages_blueprint_serves_the_root(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200, f"GET / should answer 200, got {response.status_code}: register `pages`"
    assert response.get_data(as_text=True) == "Welcome"


@pytest.mark.task(taskno=1)
def test_api_blueprint_lives_under_its_prefix(client: FlaskClient) -> None:
    assert client.get("/api/v1/whoami", headers=KEY).status_code == 200, "the API should answer at /api/v1/whoami"
    assert client.get("/whoami", headers=KEY).status_code == 404, "register api with url_prefix='/api/v1'"


@pytest.mark.task(taskno=1)
def test_url_for_names_endpoints_by_blueprint(app: Flask) -> None:
    with app.test_request_context():
        try:
            urls = (url_for("pages.index"), url_for("api.whoami"))
        except BuildError as error:
            raise AssertionError(f"a blueprint is not registered yet: {error}") from error
    assert urls == ("/", "/api/v1/whoami"), f"endpoints are '<blueprint>.<view>', got {urls}"


@pytest.mark.task(taskno=2)
def test_every_response_gets_a_fresh_request_id(client: FlaskClient) -> None:
    first, second = client.get("/").headers.get("X-Request-ID"), client.get("/").headers.get("X-Request-ID")
    assert first is not None, "every response should carry X-Request-ID (an after_request hook)"
    assert re.fullmatch(r"[0-9a-f]{32}", first), f"a new id should be uuid4().hex, got {first!r}"
    assert first != second, "each request needs its own id: make it in before_request, keep it in g"


@pytest.mark.task(taskno=2)
def test_a_plain_incoming_request_id_is_kept(client: FlaskClient) -> None:
    response = client.get("/api/v1/whoami", headers={**KEY, "X-Request-ID": "trace-42"})
    assert response.headers.get("X-Request-ID") == "trace-42", "a safe incoming X-Request-ID should be passed on"
    assert response.get_json().get("request_id") == "trace-42", "the view reads the same id from g"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("incoming", ["x" * 65, "<script>", "a b", ""])
def test_an_unsafe_incoming_request_id_is_replaced(client: FlaskClient, incoming: str) -> None:
    returned = client.get("/", headers={"X-Request-ID": incoming}).headers.get("X-Request-ID", "")
    assert re.fullmatch(r"[0-9a-f]{32}", returned), (
        f"{incoming!r} is not 1-64 letters, digits or '-': replace it with uuid4().hex, got {returned!r}"
    )


@pytest.mark.task(taskno=2)
def test_error_responses_carry_the_request_id_too(client: FlaskClient) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert response.headers.get("X-Request-ID"), "after_request runs for error responses too: add the header there"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}], ids=["no-key", "wrong-key"])
def test_api_needs_a_known_key(client: FlaskClient, headers: dict[str, str]) -> None:
    response = client.get("/api/v1/whoami", headers=headers)
    assert response.status_code == 401, f"the API without a known key should answer 401, got {response.status_code}"
    assert response.is_json, "the API's 401 should be JSON"
    assert response.headers.get("WWW-Authenticate") == "ApiKey", "a 401 says how to authenticate: WWW-Authenticate"
    assert response.headers.get("X-Request-ID"), "the 401 still carries the request id"


@pytest.mark.task(taskno=3)
def test_an_app_without_keys_refuses_every_key() -> None:
    client = create_app({"TESTING": True}).test_client()
    response = client.get("/api/v1/whoami", headers=KEY)
    assert response.status_code == 401, (
        f"with no API_KEYS configured every key is unknown: 401, got {response.status_code}"
    )


@pytest.mark.task(taskno=3)
def test_api_knows_who_is_calling_and_pages_need_no_key(client: FlaskClient) -> None:
    response = client.get("/api/v1/whoami", headers=KEY)
    assert response.status_code == 200, f"a known key should get in, got {response.status_code}"
    assert response.get_json().get("user") == "ada", "whoami should return the key's user from g.user"
    assert client.get("/").status_code == 200, "pages need no key: check it in api.before_request, not the app's"


@pytest.mark.task(taskno=3)
def test_teardown_audits_every_request_even_failing_ones(app: Flask, client: FlaskClient) -> None:
    home = client.get("/", headers={"X-Request-ID": "r1"})
    assert home.status_code == 200
    with pytest.raises(RuntimeError, match="boom"):
        client.get("/api/v1/boom", headers={**KEY, "X-Request-ID": "r2"})
    assert app.extensions["audit"] == [("r1", "/", None), ("r2", "/api/v1/boom", "RuntimeError")], (
        "teardown_request runs at the end of every request, even when the view raised (after_request does not)"
    )
