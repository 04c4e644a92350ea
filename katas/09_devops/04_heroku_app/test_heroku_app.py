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

from kata.grading.configure import BIN, serve_once

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


def read_procfile(path: Path) -> dict[str, str]:
    """A Procfile as {process type: command}; the test fails on a line Heroku cannot read."""
    found: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = PROCESS_LINE.match(line)
        assert match, f"Procfile line {number} is not `type: command`: {line!r}"
        assert match.group(1) not in found, f"process type {match.group(1)!r} is defined twice"
        found[match.group(1)] = match.group(2)
    return found


def read_app_json(path: Path) -> dict[str, Any]:
    """An app.json, parsed; the test fails with the parser's complaint when it is not JSON."""
    try:
        loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        pytest.fail(f"app.json is not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}")
    return loaded


@pytest.fixture
def procfile(kata_file: Callable[[str], Path]) -> Path:
    """Your Procfile (the reference one under --solutions)."""
    return kata_file("Procfile")


@pytest.fixture
def app_json_file(kata_file: Callable[[str], Path]) -> Path:
    """Your app.json (the reference one under --solutions)."""
    return kata_file("app.json")


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


@pytest.mark.task(taskno=2)
def test_web_process_uses_a_production_server(procfile: Path) -> None:
    processes = read_procfile(procfile)
    assert "web" in processes, "declare a `web:` process: only it receives HTTP traffic"
    web = processes["web"]
    assert "flask" not in web.split()[0], "`flask run` is the development server: use gunicorn"
    assert web.split()[0] == "gunicorn", f"start the web process with gunicorn (got {web!r})"


@pytest.mark.task(taskno=2)
@pytest.mark.timeout(30)
def test_web_process_serves_on_port(procfile: Path, database: dict[str, str]) -> None:
    processes = read_procfile(procfile)
    web = processes.get("web", "")
    assert "$PORT" in web or "${PORT}" in web, "bind the port Heroku gives you: --bind 0.0.0.0:$PORT"
    for loopback in ("127.0.0.1", "localhost"):
        assert loopback not in web, f"bind 0.0.0.0, not {loopback}: the router reaches the dyno from outside"
    run_release(processes.get("release", "python -m heroku_app migrate"), database)
    served = serve_once(web, cwd=HERE, env=database)
    assert served.status == 200, f"ran `{web}` with PORT set; nothing answered on $PORT:\n{served.output[-1500:]}"
    assert "hello from Heroku" in served.body


@pytest.mark.task(taskno=3)
@pytest.mark.timeout(30)
def test_release_phase_runs_the_migrations(procfile: Path, database: dict[str, str]) -> None:
    processes = read_procfile(procfile)
    assert "release" in processes, "add a `release:` process: Heroku runs it once per deploy, before the new dynos"
    done = run_release(processes["release"], database)
    assert done.returncode == 0, f"the release command failed:\n{done.stdout}{done.stderr}"
    assert "migrated" in done.stdout, "run `python -m heroku_app migrate` in the release phase"
    assert "migrate" not in processes.get("web", ""), "migrate once per release, not in every web dyno"


@pytest.mark.task(taskno=1)
def test_procfile_lines_are_type_colon_command(procfile: Path) -> None:
    assert read_procfile(procfile), "declare at least one process"


@pytest.mark.task(taskno=1)
def test_app_json_has_the_manifest_fields(app_json_file: Path) -> None:
    app_json = read_app_json(app_json_file)
    errors = jsonschema.Draft202012Validator(APP_JSON_SCHEMA).iter_errors(app_json)
    report = [f"at {'/'.join(map(str, e.absolute_path)) or 'the top level'}: {e.message}" for e in errors]
    assert not report, "app.json does not match the manifest schema:\n" + "\n".join(sorted(report))


@pytest.mark.task(taskno=4)
def test_secret_key_is_generated_not_committed(app_json_file: Path) -> None:
    app_json = read_app_json(app_json_file)
    secret = app_json.get("env", {}).get("SECRET_KEY")
    assert isinstance(secret, dict), "declare SECRET_KEY under env"
    assert "value" not in secret, "a secret written in app.json is public in the repository: use a generator"
    assert secret.get("generator") == "secret", 'let Heroku make it: "generator": "secret"'


@pytest.mark.task(taskno=5)
def test_postgres_add_on_python_buildpack_and_one_web_dyno(app_json_file: Path) -> None:
    app_json = read_app_json(app_json_file)
    addons = [a if isinstance(a, str) else a.get("plan", "") for a in app_json.get("addons", [])]
    assert any(a.startswith("heroku-postgresql") for a in addons), "provision heroku-postgresql: it sets DATABASE_URL"
    urls = [b.get("url") for b in app_json.get("buildpacks", [])]
    assert "heroku/python" in urls, "build with the heroku/python buildpack"
    assert app_json.get("formation", {}).get("web", {}).get("quantity", 0) >= 1, "run at least one web dyno"
