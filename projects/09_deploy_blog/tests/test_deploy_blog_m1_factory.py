"""Milestone 1 up close: `production_config`, `create_app()` and /healthz called directly, in this process.

test_deploy_blog_m1_config.py starts the app in a process of its own, as a server would; these tests call the
same functions here, so each rule gets its own test and its own message: the exact bounds of the secret, the
SQLite fallback's file, the log level and format, the X-Forwarded-Port, the errors /healthz logs. The blog is
still the reference one (its folder is put first on the import path), never yours.
"""

from __future__ import annotations

import logging
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from deploy_support import BLOG_ROOT, SECRET

pytestmark = pytest.mark.timeout(60)

DOWN_DATABASE_URL = "postgresql://blog:s3cr3t-pw@127.0.0.1:1/blog_down_db?connect_timeout=2"  # port 1: refused
HIDDEN_DOWN_URL = "postgresql+psycopg://blog:***@127.0.0.1:1/blog_down_db?connect_timeout=2"
TIMESTAMP = r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"


@pytest.fixture
def wsgi(project_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    """`blog_prod.wsgi` imported here, with the reference blog importable and the temp folder set to `tmp_path`."""
    monkeypatch.syspath_prepend(str(BLOG_ROOT))
    monkeypatch.syspath_prepend(str(project_dir))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    for name in ("SECRET_KEY", "DATABASE_URL", "LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    import blog_prod.wsgi

    return blog_prod.wsgi


@pytest.fixture
def make_app(
    wsgi: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Callable[..., Any]]:
    """Call `create_app(test_config)` with these environment variables set (SECRET_KEY too, unless given)."""
    apps: list[Any] = []

    def make(env: dict[str, str] | None = None, test_config: dict[str, Any] | None = None) -> Any:
        for key, value in {"SECRET_KEY": SECRET, **(env or {})}.items():
            monkeypatch.setenv(key, value)
        app = wsgi.create_app(test_config)
        apps.append(app)
        return app

    yield make
    from blog.extensions import db

    for app in apps:  # close the pooled connections, or the next garbage collection warns about them
        with app.app_context():
            db.engine.dispose()


def config_for(wsgi: Any, **environ: str) -> dict[str, Any]:
    config: dict[str, Any] = wsgi.production_config(environ)
    return config


def log_lines(capsys: pytest.CaptureFixture[str]) -> tuple[list[str], str]:
    """The lines the app printed on stdout, and all it printed on stderr."""
    captured = capsys.readouterr()
    return captured.out.splitlines(), captured.err


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": ""}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": "k" * 31}, "SECRET_KEY is too short"),
        ({"SECRET_KEY": "é" * 15 + "k"}, "SECRET_KEY is too short"),
    ],
    ids=["unset", "empty", "31-bytes", "16-characters-31-bytes"],
)
def test_production_config_refuses_a_missing_or_short_secret(wsgi: Any, environ: dict, expected: str) -> None:
    with pytest.raises(wsgi.ConfigError) as raised:
        wsgi.production_config(environ)
    assert str(raised.value).startswith(expected), (
        f"the message should start with {expected!r}, so the operator knows what to fix (got {str(raised.value)!r})"
    )


@pytest.mark.task(taskno=1)
def test_production_config_says_how_long_the_secret_must_be(wsgi: Any) -> None:
    with pytest.raises(wsgi.ConfigError, match="32"):
        wsgi.production_config({"SECRET_KEY": "too-short"})


@pytest.mark.task(taskno=1)
def test_production_config_says_how_to_make_a_secret_when_it_is_missing(wsgi: Any) -> None:
    with pytest.raises(wsgi.ConfigError) as raised:
        wsgi.production_config({})
    message = str(raised.value)
    assert all(part in message for part in ("SECRET_KEY=", "secrets.")), (
        "show the command that sets a good key, e.g. `heroku config:set SECRET_KEY=$(python -c 'import secrets; "
        f"print(secrets.token_urlsafe(48))')`: the operator reading the crash log can paste it (got {message!r})"
    )


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("secret", ["k" * 32, "é" * 16], ids=["32-ascii-bytes", "16-characters-32-bytes"])
def test_production_config_accepts_a_secret_of_exactly_32_bytes(wsgi: Any, secret: str) -> None:
    assert config_for(wsgi, SECRET_KEY=secret)["SECRET_KEY"] == secret, (
        "32 bytes (of the UTF-8 encoding, not characters) is long enough: the minimum counts as enough"
    )


@pytest.mark.task(taskno=1)
def test_production_config_turns_database_url_into_sqlalchemys(wsgi: Any) -> None:
    uri = config_for(wsgi, SECRET_KEY=SECRET, DATABASE_URL="postgres://u:p@db.example.com/blog")[
        "SQLALCHEMY_DATABASE_URI"
    ]
    assert uri == "postgresql+psycopg://u:p@db.example.com/blog", (
        f"pass DATABASE_URL through blog.sqlalchemy_url: Heroku still hands out postgres:// (got {uri!r})"
    )


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("database_url", [None, ""], ids=["unset", "empty"])
def test_production_config_falls_back_to_a_sqlite_file_in_the_temp_folder(
    wsgi: Any, tmp_path: Path, database_url: str | None
) -> None:
    environ = {"SECRET_KEY": SECRET} | ({"DATABASE_URL": database_url} if database_url is not None else {})
    uri = wsgi.production_config(environ)["SQLALCHEMY_DATABASE_URI"]
    assert uri.startswith("sqlite:///"), f"no DATABASE_URL: use a SQLite file (got {uri!r})"
    path = Path(uri.removeprefix("sqlite:///"))
    assert path.parent == tmp_path, f"put the SQLite file in tempfile.gettempdir() ({tmp_path}), got {path}"
    assert path.suffix in (".sqlite", ".sqlite3", ".db"), f"name it like a SQLite file, e.g. blog_prod.sqlite: {path}"


@pytest.mark.task(taskno=1)
def test_production_config_pings_pooled_connections(wsgi: Any) -> None:
    options = config_for(wsgi, SECRET_KEY=SECRET).get("SQLALCHEMY_ENGINE_OPTIONS")
    assert options == {"pool_pre_ping": True}, (
        'set SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": True}: a managed database closes idle connections, '
        f"and without the ping the first request after a quiet spell fails (got {options!r})"
    )


@pytest.mark.task(taskno=2)
def test_production_config_secures_cookies_and_urls(wsgi: Any) -> None:
    config = config_for(wsgi, SECRET_KEY=SECRET)
    expected = {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "PREFERRED_URL_SCHEME": "https",
    }
    got = {key: config.get(key) for key in expected}
    assert got == expected, f"production_config must return these cookie and URL settings: {expected} (got {got})"


@pytest.mark.task(taskno=1)
def test_create_app_uses_the_environment_and_lets_test_config_win(make_app: Callable[..., Any], tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'given.sqlite'}"
    app = make_app(test_config={"SQLALCHEMY_DATABASE_URI": database, "POSTS_PER_PAGE": 3})
    assert app.config["SECRET_KEY"] == SECRET, "create_app() takes SECRET_KEY from os.environ"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == database, "test_config overrides the environment's settings"
    assert app.config["POSTS_PER_PAGE"] == 3, "test_config may set any of the blog's settings"
    assert app.config["SESSION_COOKIE_SECURE"] is True, "the production settings still apply under a test_config"


@pytest.mark.task(taskno=1)
def test_create_app_warns_on_stdout_when_it_falls_back_to_sqlite(
    make_app: Callable[..., Any], capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app()
    lines, _ = log_lines(capsys)
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    warnings = [line for line in lines if " WARNING " in line]
    assert any(": DATABASE_URL is not set" in line and path in line for line in warnings), (
        "with no DATABASE_URL, log a WARNING that starts 'DATABASE_URL is not set' and names the SQLite file: "
        f"its data is lost on every restart. Logged:\n{lines}"
    )


@pytest.mark.task(taskno=1)
def test_create_app_does_not_warn_about_sqlite_when_given_a_database(
    make_app: Callable[..., Any], capsys: pytest.CaptureFixture[str]
) -> None:
    make_app({"DATABASE_URL": DOWN_DATABASE_URL})
    lines, _ = log_lines(capsys)
    assert not [line for line in lines if "WARNING" in line], f"DATABASE_URL is set: nothing to warn about:\n{lines}"


@pytest.mark.task(taskno=2)
def test_proxy_fix_trusts_one_hop_for_address_scheme_host_and_port(make_app: Callable[..., Any]) -> None:
    app = make_app()

    @app.get("/_seen")
    def seen() -> dict[str, str | None]:
        from flask import request

        return {"scheme": request.scheme, "remote_addr": request.remote_addr, "host": request.host}

    headers = {
        "X-Forwarded-For": "198.51.100.1, 203.0.113.7",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "blog.example.com",
        "X-Forwarded-Port": "8443",
    }
    router = {"REMOTE_ADDR": "10.1.2.3", "wsgi.url_scheme": "http"}  # the router speaks plain http to the app
    got = app.test_client().get("/_seen", headers=headers, environ_overrides=router).get_json()
    expected = {"scheme": "https", "remote_addr": "203.0.113.7", "host": "blog.example.com:8443"}
    assert got == expected, (
        "ProxyFix(x_for=1, x_proto=1, x_host=1, x_port=1): the client is the LAST X-Forwarded-For address, and "
        f"scheme, host and port are the ones the router saw (got {got}, expected {expected})"
    )


@pytest.mark.task(taskno=2)
def test_external_urls_use_https(make_app: Callable[..., Any]) -> None:
    app = make_app()
    from flask import url_for

    with app.test_request_context("/"):
        url = url_for("healthz", _external=True)
    assert url == "https://localhost/healthz", (
        f"links the app builds for outside (emails, redirects) must be https:// (got {url}); "
        "the /healthz endpoint is named after its view, healthz"
    )


@pytest.mark.task(taskno=3)
def test_logs_go_to_stdout_one_line_each_with_time_and_level(
    make_app: Callable[..., Any], capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app()
    capsys.readouterr()
    app.logger.info("factory-probe-line")
    lines, err = log_lines(capsys)
    assert "factory-probe-line" not in err, "log to stdout only (a StreamHandler(sys.stdout)), not to stderr"
    pattern = rf"^{TIMESTAMP},\d{{3}} INFO \S+: factory-probe-line$"
    assert [line for line in lines if re.match(pattern, line)], (
        "each record is one line on stdout: its time, its level, the logger's name, then the message, "
        f"formatted '%(asctime)s %(levelname)s %(name)s: %(message)s'. stdout was:\n{lines}"
    )


@pytest.mark.task(taskno=3)
def test_logs_each_record_once_even_when_the_root_logger_has_a_handler(
    make_app: Callable[..., Any], capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app()
    root = logging.getLogger()
    second = logging.StreamHandler(sys.stdout)
    root.addHandler(second)
    try:
        app.logger.warning("once-probe-line")
    finally:
        root.removeHandler(second)
    lines, _ = log_lines(capsys)
    count = sum("once-probe-line" in line for line in lines)
    assert count == 1, (
        f"the record was printed {count} times: set app.logger.propagate = False, so a handler that gunicorn or "
        "a library puts on the root logger does not print every line twice"
    )


@pytest.mark.task(taskno=3)
def test_log_level_comes_from_log_level(make_app: Callable[..., Any], capsys: pytest.CaptureFixture[str]) -> None:
    app = make_app({"LOG_LEVEL": "warning"})
    capsys.readouterr()
    app.logger.info("quiet-info-line")
    app.logger.warning("loud-warning-line")
    out = capsys.readouterr().out
    assert "quiet-info-line" not in out, "LOG_LEVEL=warning drops INFO records (accept the level in any case)"
    assert "loud-warning-line" in out, "LOG_LEVEL=warning keeps WARNING records"


@pytest.mark.task(taskno=3)
def test_logs_the_database_at_start_without_its_password(
    make_app: Callable[..., Any], capsys: pytest.CaptureFixture[str]
) -> None:
    make_app({"DATABASE_URL": DOWN_DATABASE_URL})
    lines, err = log_lines(capsys)
    assert not [line for line in lines + err.splitlines() if "s3cr3t-pw" in line], "never log the database password"
    assert [line for line in lines if " INFO " in line and line.endswith(f"database {HIDDEN_DOWN_URL}")], (
        f"at start, log at INFO a line ending 'database {HIDDEN_DOWN_URL}' "
        f"(make_url(uri).render_as_string(hide_password=True)). Logged:\n{lines}"
    )


@pytest.mark.task(taskno=4)
def test_healthz_answers_ok_when_the_database_answers(make_app: Callable[..., Any]) -> None:
    response = make_app().test_client().get("/healthz")
    assert (response.status_code, response.get_json()) == (200, {"status": "ok"}), (
        f'GET /healthz: 200 {{"status": "ok"}} when SELECT 1 works (got {response.status_code} {response.text})'
    )


@pytest.mark.task(taskno=4)
def test_healthz_answers_503_and_logs_the_error_when_the_database_is_down(
    make_app: Callable[..., Any], capsys: pytest.CaptureFixture[str]
) -> None:
    response = make_app({"DATABASE_URL": DOWN_DATABASE_URL}).test_client().get("/healthz")
    assert (response.status_code, response.get_json()) == (503, {"status": "unavailable"}), (
        f'GET /healthz: 503 {{"status": "unavailable"}} when the database is down (got {response.status_code})'
    )
    lines, _ = log_lines(capsys)
    errors = [line for line in lines if " ERROR " in line]
    assert [line for line in errors if "unreachable" in line and line.endswith(": OperationalError")], (
        "log an ERROR saying the database is unreachable, ending with the exception's class name (not its whole "
        f"message, which may name the host): logged\n{lines}"
    )
