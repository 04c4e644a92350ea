"""Checks for the Heroku deployment files (Procfile and app.json): parsed, validated, and the processes run here.

Mistakes these tests catch: a Procfile line that is not `type: command`, the Flask development server in
production, a web process that ignores $PORT or binds 127.0.0.1 (Heroku routes to 0.0.0.0:$PORT and kills a
dyno that does not bind it within 60 s), migrations run in the web process or not at all (no release phase), a
secret committed as a value in app.json, no PostgreSQL add-on, no web formation, a stack or buildpack missing.
"""

import json
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from kata.checks import BIN, serve_once

HERE = Path(__file__).parent
PROCESS_LINE = re.compile(r"^([A-Za-z0-9_-]+):\s*(\S.*)$")
APP_JSON_SCHEMA = {
    "type": "object",
    "required": ["name", "env", "formation", "addons", "buildpacks"],
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "stack": {"type": "string"},
        "buildpacks": {"type": "array", "items": {"type": "object", "required": ["url"]}},
        "env": {"type": "object", "additionalProperties": {"type": ["object", "string"]}},
        "formation": {"type": "object", "additionalProperties": {"type": "object", "required": ["quantity"]}},
        "addons": {"type": "array", "items": {"type": ["string", "object"]}},
    },
}


@pytest.fixture
def processes(kata_file: Callable[[str], Path]) -> dict[str, str]:
    """Your Procfile as {process type: command}."""
    found: dict[str, str] = {}
    for number, line in enumerate(kata_file("Procfile").read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = PROCESS_LINE.match(line)
        assert match, f"Procfile line {number} is not `type: command`: {line!r}"
        assert match.group(1) not in found, f"process type {match.group(1)!r} is defined twice"
        found[match.group(1)] = match.group(2)
    return found


@pytest.fixture
def app_json(kata_file: Callable[[str], Path]) -> dict[str, Any]:
    """Your app.json, parsed."""
    loaded: dict[str, Any] = json.loads(kata_file("app.json").read_text(encoding="utf-8"))
    return loaded


@pytest.fixture
def database(tmp_path: Path) -> dict[str, str]:
    """DATABASE_URL for a scratch SQLite file (on Heroku it is the PostgreSQL add-on's URL)."""
    return {"DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}"}


def run_release(command: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    path = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
    return subprocess.run(
        ["sh", "-c", command],
        cwd=HERE,
        env={**os.environ, **env, "PATH": path},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


@pytest.mark.task(taskno=1)
def test_web_process_uses_a_production_server(processes: dict[str, str]) -> None:
    assert "web" in processes, "declare a `web:` process: only it receives HTTP traffic"
    web = processes["web"]
    assert "flask" not in web.split()[0], "`flask run` is the development server: use gunicorn"
    assert web.split()[0] == "gunicorn", f"start the web process with gunicorn (got {web!r})"


@pytest.mark.task(taskno=1)
@pytest.mark.timeout(30)
def test_web_process_serves_on_port(processes: dict[str, str], database: dict[str, str]) -> None:
    web = processes.get("web", "")
    assert "$PORT" in web or "${PORT}" in web, "bind the port Heroku gives you: --bind 0.0.0.0:$PORT"
    for loopback in ("127.0.0.1", "localhost"):
        assert loopback not in web, f"bind 0.0.0.0, not {loopback}: the router reaches the dyno from outside"
    run_release(processes.get("release", "python -m heroku_app migrate"), database)
    served = serve_once(web, cwd=HERE, env=database)
    assert served.status == 200, f"ran `{web}` with PORT set; nothing answered on $PORT:\n{served.output[-1500:]}"
    assert "hello from Heroku" in served.body


@pytest.mark.task(taskno=2)
@pytest.mark.timeout(30)
def test_release_phase_runs_the_migrations(processes: dict[str, str], database: dict[str, str]) -> None:
    assert "release" in processes, "add a `release:` process: Heroku runs it once per deploy, before the new dynos"
    done = run_release(processes["release"], database)
    assert done.returncode == 0, f"the release command failed:\n{done.stdout}{done.stderr}"
    assert "migrated" in done.stdout, "run `python -m heroku_app migrate` in the release phase"
    assert "migrate" not in processes.get("web", ""), "migrate once per release, not in every web dyno"


@pytest.mark.task(taskno=3)
def test_app_json_has_the_manifest_fields(app_json: dict[str, Any]) -> None:
    try:
        jsonschema.validate(app_json, APP_JSON_SCHEMA)
    except jsonschema.ValidationError as error:
        pytest.fail(f"app.json: {error.message} (at {'/'.join(map(str, error.absolute_path)) or 'the top level'})")


@pytest.mark.task(taskno=3)
def test_secret_key_is_generated_not_committed(app_json: dict[str, Any]) -> None:
    secret = app_json.get("env", {}).get("SECRET_KEY")
    assert isinstance(secret, dict), "declare SECRET_KEY under env"
    assert "value" not in secret, "a secret written in app.json is public in the repository: use a generator"
    assert secret.get("generator") == "secret", 'let Heroku make it: "generator": "secret"'


@pytest.mark.task(taskno=4)
def test_postgres_add_on_python_buildpack_and_one_web_dyno(app_json: dict[str, Any]) -> None:
    addons = [a if isinstance(a, str) else a.get("plan", "") for a in app_json.get("addons", [])]
    assert any(a.startswith("heroku-postgresql") for a in addons), "provision heroku-postgresql: it sets DATABASE_URL"
    urls = [b.get("url") for b in app_json.get("buildpacks", [])]
    assert "heroku/python" in urls, "build with the heroku/python buildpack"
    assert app_json.get("formation", {}).get("web", {}).get("quantity", 0) >= 1, "run at least one web dyno"
