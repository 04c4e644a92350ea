"""Tests for the app-factory kata, with Flask's test client and CLI runner (no server runs).

Mistakes these tests catch: a module-level `app` shared by every call,
test_config applied before the defaults (so the defaults win), environment
variables read even when a test passes its own config, `FLASK_` kept in the
key, a greeting hard-coded instead of read from config, a blank name greeted as
"Hello, !", /hello served as HTML (so `<script>` in a name would run), /hello
answering POST, a CLI command that returns the text instead of printing it.
"""

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_app_factory import create_app


@pytest.fixture
def app() -> Flask:
    """An app in testing mode, so errors in views reach the test."""
    return create_app({"TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client: requests go straight to the app, no server."""
    return app.test_client()


@pytest.mark.task(taskno=1)
def test_defaults_are_loaded(app: Flask) -> None:
    assert app.config.get("SECRET_KEY") == "dev", "create_app should load DEFAULTS (SECRET_KEY='dev')"
    assert app.config.get("GREETING") == "Hello", "create_app should load DEFAULTS (GREETING='Hello')"
    assert app.config.get("TESTING") is True, "test_config should be applied too"


@pytest.mark.task(taskno=1)
def test_test_config_overrides_the_defaults() -> None:
    app = create_app({"GREETING": "Hi"})
    assert app.config.get("GREETING") == "Hi", "test_config must be applied AFTER the defaults, so it wins"
    assert app.config.get("SECRET_KEY") == "dev", "defaults that test_config does not mention stay"


@pytest.mark.task(taskno=1)
def test_environment_configures_only_without_test_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASK_GREETING", "Howdy")
    assert create_app().config.get("GREETING") == "Howdy", (
        "with no test_config, FLASK_GREETING=Howdy should set GREETING (app.config.from_prefixed_env())"
    )
    assert create_app({"TESTING": True}).config.get("GREETING") == "Hello", (
        "a test passing its own config must not pick up the environment"
    )


@pytest.mark.task(taskno=1)
def test_each_call_builds_a_separate_app() -> None:
    first, second = create_app({"GREETING": "Bonjour"}), create_app({"GREETING": "Hola"})
    assert first is not second, "create_app must build a new app each time, not return a module-level one"
    assert (first.config.get("GREETING"), second.config.get("GREETING")) == ("Bonjour", "Hola"), (
        "one app's config must not leak into another's"
    )


@pytest.mark.task(taskno=2)
def test_health_answers_json_ok(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200, f"GET /health should answer 200, got {response.status_code}"
    assert response.is_json, f"GET /health should answer JSON, not {response.mimetype}"
    assert response.get_json() == {"status": "ok"}, "GET /health should return {'status': 'ok'}"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("query", "expected"),
    [("", "Hi, World!"), ("?name=Ada", "Hi, Ada!"), ("?name=%20Grace%20", "Hi, Grace!"), ("?name=%20", "Hi, World!")],
)
def test_hello_greets_with_the_configured_greeting(query: str, expected: str) -> None:
    client = create_app({"TESTING": True, "GREETING": "Hi"}).test_client()
    response = client.get(f"/hello{query}")
    assert response.status_code == 200, f"GET /hello{query} should answer 200, got {response.status_code}"
    assert response.get_data(as_text=True) == expected, f"GET /hello{query} should say {expected!r}"


@pytest.mark.task(taskno=2)
def test_hello_is_plain_text_so_markup_never_runs(client: FlaskClient) -> None:
    response = client.get("/hello", query_string={"name": "<script>alert(1)</script>"})
    assert response.status_code == 200, f"GET /hello should answer 200, got {response.status_code}"
    assert response.mimetype == "text/plain", (
        f"/hello should answer text/plain, not {response.mimetype}: a browser would run a <script> name as HTML"
    )


@pytest.mark.task(taskno=2)
def test_hello_only_answers_get(client: FlaskClient) -> None:
    assert client.get("/hello").status_code == 200, "GET /hello should work"
    assert client.post("/hello").status_code == 405, "POST /hello should be 405 Method Not Allowed"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("args", "expected"), [(["greet", "--name", "Ada"], "Hi, Ada!\n"), (["greet"], "Hi, World!\n")]
)
def test_greet_command_prints_the_greeting(args: list[str], expected: str) -> None:
    runner = create_app({"TESTING": True, "GREETING": "Hi"}).test_cli_runner()
    result = runner.invoke(args=args)
    assert result.exit_code == 0, f"`flask {' '.join(args)}` failed:\n{result.output}"
    assert result.output == expected, f"`flask {' '.join(args)}` should print {expected!r}, printed {result.output!r}"
