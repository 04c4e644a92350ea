"""Milestone 4: heroku.yml (the container stack) and app.json, parsed and checked; the release phase and the web
process run here with PORT set, against a scratch SQLite database standing in for the PostgreSQL add-on.

Mistakes these tests catch: a heroku.yml that does not build the Dockerfile, no PostgreSQL add-on, migrations
run by every web dyno or never (no release phase), a release command that fails, a web process that is not
gunicorn, ignores $PORT or binds 127.0.0.1 (the router then cannot reach the dyno, and Heroku kills it after
60 s), an app.json with misspelt keys, a buildpack stack instead of `container`, a SECRET_KEY value committed
to the repository instead of generated, and no web dyno in the formation.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from deploy_support import load_yaml, once, run, serving

# app.json, from the keys Heroku documents (devcenter.heroku.com/articles/app-json-schema); unknown keys are typos.
APP_JSON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "stack", "env", "formation", "addons"],
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 30},
        "description": {"type": "string"},
        "keywords": {"type": "array", "items": {"type": "string"}},
        "website": {"type": "string"},
        "repository": {"type": "string"},
        "logo": {"type": "string"},
        "success_url": {"type": "string"},
        "stack": {"enum": ["heroku-22", "heroku-24", "container"]},
        "image": {"type": "string"},
        "scripts": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"postdeploy": {"type": "string"}, "pr-predestroy": {"type": "string"}},
        },
        "env": {
            "type": "object",
            "additionalProperties": {
                "oneOf": [
                    {"type": "string"},
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "description": {"type": "string"},
                            "value": {"type": "string"},
                            "required": {"type": "boolean"},
                            "generator": {"enum": ["secret"]},
                        },
                    },
                ]
            },
        },
        "formation": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "required": ["quantity"],
                "properties": {"quantity": {"type": "integer", "minimum": 0}, "size": {"type": "string"}},
            },
        },
        "addons": {
            "type": "array",
            "items": {
                "oneOf": [
                    {"type": "string"},
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["plan"],
                        "properties": {
                            "plan": {"type": "string"},
                            "as": {"type": "string"},
                            "options": {"type": "object"},
                        },
                    },
                ]
            },
        },
        "buildpacks": {"type": "array", "items": {"type": "object", "required": ["url"]}},
        "environments": {"type": "object"},
    },
}


@pytest.fixture
def heroku_yml(kata_file: Callable[[str], Path]) -> dict[str, Any]:
    """Your heroku.yml as data."""
    loaded = load_yaml(kata_file("heroku.yml"))
    assert isinstance(loaded, dict), "heroku.yml needs build:, release: and run: sections"
    return loaded


@pytest.fixture
def app_json(kata_file: Callable[[str], Path]) -> dict[str, Any]:
    """Your app.json, parsed."""
    path = kata_file("app.json")
    assert path.is_file(), "write app.json"
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def release_lines(heroku_yml: dict[str, Any]) -> list[str]:
    release = heroku_yml.get("release") or {}
    assert release, "add a release: section: Heroku runs it once per deploy, before the new dynos get traffic"
    command = release.get("command") or []
    assert isinstance(command, list), "release.command is a list of commands, e.g. - flask ... db upgrade"
    return [str(line) for line in command]


def web_command(heroku_yml: dict[str, Any]) -> str:
    web = (heroku_yml.get("run") or {}).get("web")
    assert web, "add run: web: (the command of the web dynos; Heroku runs it with /bin/sh -c)"
    if isinstance(web, dict):
        command = web.get("command") or []
        return " ".join(command) if isinstance(command, list) else str(command)
    return str(web)


def deploy_here(heroku_yml: dict[str, Any], project_dir: Path, env: dict[str, str]) -> dict[str, Any]:
    """Release, then start the web process, as Heroku would: the database is a fresh SQLite file."""
    database = Path(env["TMPDIR"]) / "heroku.sqlite"
    env = {**env, "DATABASE_URL": f"sqlite:///{database}"}
    seen: dict[str, Any] = {}
    for line in release_lines(heroku_yml):
        done = run(line, project_dir, env, timeout=60)
        seen.setdefault("release", []).append((line, done.returncode, done.stdout + done.stderr))
    if database.exists():
        with sqlite3.connect(database) as connection:
            seen["tables"] = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    with serving(web_command(heroku_yml), project_dir, env) as server:
        seen["healthz"] = server.get("/healthz").status_code
        seen["index"] = server.get("/").status_code
    return seen


@pytest.fixture
def deployed(heroku_yml: dict[str, Any], project_dir: Path, prod_env: dict[str, str]) -> dict[str, Any]:
    """What the release phase and the web process did here (run once for this file's tests)."""
    return once(("m4-deployed", project_dir), lambda: deploy_here(heroku_yml, project_dir, prod_env))


@pytest.mark.task(taskno=1)
def test_heroku_yml_builds_the_dockerfile_and_adds_postgres(heroku_yml: dict[str, Any]) -> None:
    docker = (heroku_yml.get("build") or {}).get("docker") or {}
    assert docker.get("web") == "Dockerfile", "build: docker: web: Dockerfile (the image of the web process)"
    addons = (heroku_yml.get("setup") or {}).get("addons") or []
    plans = [a.get("plan", "") if isinstance(a, dict) else str(a) for a in addons]
    assert any(p.startswith("heroku-postgresql") for p in plans), (
        "setup: addons: - plan: heroku-postgresql (it sets DATABASE_URL)"
    )


@pytest.mark.task(taskno=2)
def test_release_phase_runs_the_migrations_in_the_web_image(heroku_yml: dict[str, Any]) -> None:
    lines = release_lines(heroku_yml)
    assert any("db upgrade" in line for line in lines), "release.command runs `flask --app ... db upgrade`"
    assert heroku_yml["release"].get("image") == "web", "release.image: web (the image that has the code)"
    assert "db upgrade" not in web_command(heroku_yml), "migrate once per release, not in every web dyno"


@pytest.mark.task(taskno=2)
@pytest.mark.timeout(120)
def test_release_command_builds_the_tables(deployed: dict[str, Any]) -> None:
    for line, code, said in deployed["release"]:
        if "NotImplementedError" in said:
            raise NotImplementedError(said[-800:])
        assert code == 0, f"the release command `{line}` failed (exit {code}):\n{said[-1500:]}"
    assert {"alembic_version", "users", "posts"} <= deployed.get("tables", set()), (
        f"after the release phase the database should hold the blog's tables (found {deployed.get('tables')})"
    )


@pytest.mark.task(taskno=3)
def test_web_process_is_gunicorn_on_port(heroku_yml: dict[str, Any]) -> None:
    web = web_command(heroku_yml)
    assert web.split()[0] == "gunicorn", f"start the web dyno with gunicorn (got {web!r})"
    assert "$PORT" in web or "${PORT}" in web, "bind the port Heroku gives you: --bind 0.0.0.0:$PORT"
    for loopback in ("127.0.0.1", "localhost"):
        assert loopback not in web, f"bind 0.0.0.0, not {loopback}: the router reaches the dyno from outside"


@pytest.mark.task(taskno=3)
@pytest.mark.timeout(120)
def test_web_process_serves_the_migrated_blog(deployed: dict[str, Any]) -> None:
    assert deployed["healthz"] == 200, f"GET /healthz said {deployed['healthz']}"
    assert deployed["index"] == 200, f"GET / said {deployed['index']} after the release phase ran"


@pytest.mark.task(taskno=4)
def test_app_json_follows_the_manifest_schema(app_json: dict[str, Any]) -> None:
    try:
        jsonschema.validate(app_json, APP_JSON_SCHEMA)
    except jsonschema.ValidationError as error:
        where = "/".join(map(str, error.absolute_path)) or "the top level"
        raise AssertionError(f"app.json: {error.message} (at {where})") from None


@pytest.mark.task(taskno=4)
def test_app_json_uses_the_container_stack_and_generates_the_secret(app_json: dict[str, Any]) -> None:
    assert app_json.get("stack") == "container", '"stack": "container": Heroku builds the Dockerfile (heroku.yml)'
    assert "buildpacks" not in app_json, "the container stack does not use buildpacks: remove them"
    secret = app_json.get("env", {}).get("SECRET_KEY")
    assert isinstance(secret, dict), "declare SECRET_KEY under env"
    assert "value" not in secret, "a secret written in app.json is public in the repository: use a generator"
    assert secret.get("generator") == "secret", 'let Heroku make it: "generator": "secret"'


@pytest.mark.task(taskno=4)
def test_app_json_provisions_postgres_and_one_web_dyno(app_json: dict[str, Any]) -> None:
    addons = [a if isinstance(a, str) else a.get("plan", "") for a in app_json.get("addons", [])]
    assert any(a.startswith("heroku-postgresql") for a in addons), "provision heroku-postgresql: it sets DATABASE_URL"
    assert app_json.get("formation", {}).get("web", {}).get("quantity", 0) >= 1, "run at least one web dyno"
