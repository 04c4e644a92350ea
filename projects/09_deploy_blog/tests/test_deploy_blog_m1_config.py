"""Milestone 1: the production config, `blog_prod.wsgi.create_app()`, probed in a fresh process.

Mistakes these tests catch: a dev SECRET_KEY silently used when the variable is missing (or an error that does
not say which variable), a short key accepted, DATABASE_URL ignored or the SQLite fallback written next to the
code, session cookies sent over plain HTTP, no ProxyFix (every request looks like http:// from the router's
address) or a ProxyFix that trusts two hops (a client can then forge its address), logs on stderr or below
WARNING dropped, the database password printed in the logs, /healthz missing, behind a login, or answering 200
while the database is down.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from deploy_support import SECRET, once, run

pytestmark = pytest.mark.timeout(90)  # the first test starts the probe process, which imports the whole blog

POSTGRES_URL = "postgresql://blog:s3cr3t-pw@127.0.0.1:1/blog_probe_db?connect_timeout=2"  # nothing listens on port 1
SCENARIOS: dict[str, dict[str, str | None]] = {
    "unset": {"SECRET_KEY": None},
    "empty": {"SECRET_KEY": ""},
    "short": {"SECRET_KEY": "too-short"},
    "postgres": {"DATABASE_URL": POSTGRES_URL},
    "default": {},
}
PROBE = """
import json, os, sys
from flask import request
from blog_prod.wsgi import create_app

def probe(name, overrides):
    base = dict(os.environ)
    for key, value in overrides.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    try:
        app = create_app()
    except Exception as error:
        return {"error": type(error).__name__, "message": str(error)}
    finally:
        os.environ.clear()
        os.environ.update(base)

    @app.get("/_probe")
    def _probe():
        return {"scheme": request.scheme, "remote_addr": request.remote_addr, "host": request.host}

    client = app.test_client()
    health = client.get("/healthz")
    forwarded = client.get("/_probe", headers={
        "X-Forwarded-For": "198.51.100.1, 203.0.113.7",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "blog.example.com",
    }, environ_base={"REMOTE_ADDR": "10.1.2.3"})
    app.logger.info("probe-info-line-" + name)
    keys = ["SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "PREFERRED_URL_SCHEME",
            "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE"]
    return {
        "config": {key: app.config.get(key) for key in keys},
        "healthz": [health.status_code, health.get_json(silent=True)],
        "forwarded": forwarded.get_json(silent=True),
    }

results = {name: probe(name, overrides) for name, overrides in json.loads(sys.argv[1]).items()}
sys.stdout.flush()
print("PROBE:" + json.dumps(results))
"""


def run_probe(project_dir: Path, env: dict[str, str]) -> dict[str, Any]:
    """Run PROBE once, in a fresh process: per scenario, what create_app() raised or what the app said."""
    done = run(["python", "-c", PROBE, json.dumps(SCENARIOS)], project_dir, env, timeout=60)
    lines = [line for line in done.stdout.splitlines() if line.startswith("PROBE:")]
    assert lines, f"the probe crashed:\n{done.stdout}{done.stderr}"
    results: dict[str, Any] = json.loads(lines[-1].removeprefix("PROBE:"))
    return {"scenarios": results, "stdout": done.stdout, "stderr": done.stderr, "tmpdir": env["TMPDIR"]}


@pytest.fixture
def probed(project_dir: Path, prod_env: dict[str, str]) -> dict[str, Any]:
    """What the probe saw; the app starts (five times) in ONE process, shared by every test of this file."""
    return once(("m1-probe", project_dir), lambda: run_probe(project_dir, prod_env))


def scenario(probed: dict[str, Any], name: str) -> dict[str, Any]:
    result: dict[str, Any] = probed["scenarios"][name]
    if result.get("error") == "NotImplementedError":
        raise NotImplementedError(result["message"])
    return result


def started(probed: dict[str, Any], name: str) -> dict[str, Any]:
    result = scenario(probed, name)
    assert "error" not in result, f"create_app() raised {result['error']}: {result['message']}"
    return result


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("name", ["unset", "empty", "short"])
def test_refuses_to_start_without_a_proper_secret_key(probed: dict[str, Any], name: str) -> None:
    result = scenario(probed, name)
    assert "error" in result, (
        f"create_app() started with SECRET_KEY {name}: in production a missing or weak key must stop the app "
        "(anyone who knows the dev key can forge sessions and API tokens)"
    )
    assert result["error"] == "ConfigError", (
        f"raise blog_prod.wsgi.ConfigError, not {result['error']}: {result['message']}"
    )
    assert "SECRET_KEY" in result["message"], f"name the variable to set in the message (got {result['message']!r})"


@pytest.mark.task(taskno=1)
def test_reads_the_secret_and_database_url_from_the_environment(probed: dict[str, Any]) -> None:
    assert started(probed, "default")["config"]["SECRET_KEY"] == SECRET, "use the SECRET_KEY from the environment"
    uri = started(probed, "postgres")["config"]["SQLALCHEMY_DATABASE_URI"]
    assert uri == "postgresql+psycopg://" + POSTGRES_URL.removeprefix("postgresql://"), (
        f"turn DATABASE_URL into SQLAlchemy's URL with blog.sqlalchemy_url (got {uri!r})"
    )


@pytest.mark.task(taskno=1)
def test_without_database_url_uses_sqlite_in_the_temp_folder(probed: dict[str, Any]) -> None:
    uri = started(probed, "default")["config"]["SQLALCHEMY_DATABASE_URI"]
    assert uri.startswith(f"sqlite:///{probed['tmpdir']}"), (
        f"with no DATABASE_URL, keep a SQLite file in tempfile.gettempdir() (got {uri!r}): the image's code folder "
        "belongs to root and the app's user cannot write there"
    )


@pytest.mark.task(taskno=2)
def test_cookies_are_secure_and_urls_are_https(probed: dict[str, Any]) -> None:
    config = started(probed, "default")["config"]
    assert config["SESSION_COOKIE_SECURE"] is True, "SESSION_COOKIE_SECURE=True: never send the session over http"
    assert config["SESSION_COOKIE_HTTPONLY"] is True, "SESSION_COOKIE_HTTPONLY=True: scripts cannot read it"
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax", 'SESSION_COOKIE_SAMESITE="Lax"'
    assert config["PREFERRED_URL_SCHEME"] == "https", 'PREFERRED_URL_SCHEME="https" for external URLs'


@pytest.mark.task(taskno=2)
def test_trusts_exactly_one_proxy(probed: dict[str, Any]) -> None:
    seen = started(probed, "default")["forwarded"]
    assert seen, "the probe route did not answer"
    assert seen["scheme"] == "https", "wrap app.wsgi_app in werkzeug's ProxyFix so X-Forwarded-Proto is honoured"
    assert seen["host"] == "blog.example.com", "trust X-Forwarded-Host too (x_host=1)"
    assert seen["remote_addr"] == "203.0.113.7", (
        f"the client is the LAST address the one proxy added (got {seen['remote_addr']}): x_for=1. "
        "Trusting more hops lets any client pick its own address by sending X-Forwarded-For"
    )


@pytest.mark.task(taskno=3)
def test_logs_info_to_stdout(probed: dict[str, Any]) -> None:
    started(probed, "default")
    assert "probe-info-line-default" in probed["stdout"], (
        "app.logger.info(...) must reach stdout (a StreamHandler(sys.stdout) at INFO): the platform collects stdout"
    )
    assert "probe-info-line" not in probed["stderr"], "log to stdout only, not to stderr as well"


@pytest.mark.task(taskno=3)
def test_logs_the_database_without_its_password(probed: dict[str, Any]) -> None:
    started(probed, "postgres")
    logs = [line for line in (probed["stdout"] + probed["stderr"]).splitlines() if not line.startswith("PROBE:")]
    assert any("blog_probe_db" in line for line in logs), "log which database the app uses when it starts"
    leaked = [line for line in logs if "s3cr3t-pw" in line]
    assert not leaked, f"the logs show the database password; hide it (render_as_string(hide_password=True)):\n{leaked}"


@pytest.mark.task(taskno=4)
def test_healthz_answers_ok_when_the_database_answers(probed: dict[str, Any]) -> None:
    status, body = started(probed, "default")["healthz"]
    assert status == 200, f"GET /healthz must answer 200, without logging in (got {status})"
    assert body == {"status": "ok"}, f'/healthz returns {{"status": "ok"}} (got {body})'


@pytest.mark.task(taskno=4)
def test_healthz_answers_503_when_the_database_is_down(probed: dict[str, Any]) -> None:
    status, body = started(probed, "postgres")["healthz"]
    assert status == 503, (
        f"/healthz answered {status} with no database behind it: run `SELECT 1` and answer 503 when it fails, "
        "so the platform stops sending traffic to this instance"
    )
    assert body == {"status": "unavailable"}, f'answer {{"status": "unavailable"}} (got {body})'
