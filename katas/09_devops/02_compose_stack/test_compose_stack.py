"""Checks for compose.yaml, with `docker-compose config` (no engine needed) and the compose-spec JSON schema.

Mistakes these tests catch: YAML or compose syntax errors, an unpinned `postgres` image, no POSTGRES_PASSWORD
(the official image refuses to start without one), data kept only inside the container (lost on `down`), no
healthcheck or one that is not pg_isready, a plain `depends_on: [db]` (waits for the container to START, not to
be READY), a DATABASE_URL that points at localhost (inside the app container that is the app itself) or whose
user, password or database differ from what PostgreSQL was given, and a published port that is not the app's $PORT.
"""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from kata.grading.configure import run_tool

HERE = Path(__file__).parent


@pytest.fixture
def compose_file(kata_file: Callable[[str], Path]) -> Path:
    """Your compose.yaml (the reference one under --solutions)."""
    return kata_file("compose.yaml")


def read_config(compose_file: Path) -> dict[str, Any]:
    """The file as docker-compose understands it (`docker-compose config`): defaults filled in, syntax normalised."""
    done = run_tool(
        "docker-compose", "-f", str(compose_file), "--project-directory", str(HERE), "config", "--format", "json"
    )
    if done.returncode != 0:
        pytest.fail(f"docker-compose cannot read your file:\n{done.stderr}")
    loaded: dict[str, Any] = json.loads(done.stdout)
    return loaded


def service(config: dict[str, Any], name: str) -> dict[str, Any]:
    services: dict[str, dict[str, Any]] = config.get("services", {})
    assert name in services, f"define a service named {name!r} (found {sorted(services)})"
    return services[name]


@pytest.mark.task(taskno=1)
def test_file_is_valid_compose(compose_file: Path) -> None:
    done = run_tool("check-jsonschema", "--builtin-schema", "vendor.compose-spec", str(compose_file))
    assert done.returncode == 0, f"the compose-spec schema rejects the file:\n{done.stdout}{done.stderr}"


@pytest.mark.task(taskno=2)
def test_database_is_a_pinned_postgres_with_a_password_and_a_volume(compose_file: Path) -> None:
    config = read_config(compose_file)
    db = service(config, "db")
    image = db.get("image", "")
    assert image.startswith("postgres:"), (
        f"use the official postgres image with a tag, e.g. postgres:16-alpine (got {image!r})"
    )
    assert image.split(":")[1][:2].isdigit(), (
        f"pin the major version, e.g. postgres:16-alpine (got {image!r}): `postgres` alone means :latest"
    )
    assert db.get("environment", {}).get("POSTGRES_PASSWORD"), (
        "the postgres image will not start without POSTGRES_PASSWORD"
    )
    targets = [v.get("target") for v in db.get("volumes", []) if v.get("type") == "volume"]
    assert "/var/lib/postgresql/data" in targets, "keep the data in a named volume mounted at /var/lib/postgresql/data"


@pytest.mark.task(taskno=3)
def test_database_has_a_pg_isready_healthcheck(compose_file: Path) -> None:
    config = read_config(compose_file)
    check = service(config, "db").get("healthcheck")
    assert check, "give db a healthcheck: compose only knows 'healthy' if you define it"
    assert not check.get("disable"), "the healthcheck is disabled"
    command = " ".join(check.get("test", []))
    assert "pg_isready" in command, f"test readiness with pg_isready (got {command!r})"
    assert check.get("interval"), "set an interval so the check is repeated until the database is up"
    assert check.get("retries"), "set retries: how many failed checks make the service unhealthy"


@pytest.mark.task(taskno=4)
def test_app_waits_until_the_database_is_healthy(compose_file: Path) -> None:
    config = read_config(compose_file)
    depends = service(config, "app").get("depends_on", {})
    assert "db" in depends, "the app depends on db"
    assert depends["db"].get("condition") == "service_healthy", (
        "`depends_on: [db]` only waits for the container to start; use the long form with condition: service_healthy"
    )


@pytest.mark.task(taskno=5)
def test_app_gets_a_database_url_for_the_db_service(compose_file: Path) -> None:
    config = read_config(compose_file)
    app_env = service(config, "app").get("environment", {})
    db_env = service(config, "db").get("environment", {})
    assert "DATABASE_URL" in app_env, "pass DATABASE_URL to the app in its environment"
    url = urlsplit(app_env["DATABASE_URL"])
    assert url.scheme == "postgresql", f"use a postgresql:// URL (got {url.scheme!r})"
    assert url.hostname == "db", (
        f"inside the app container, {url.hostname!r} is not the database: use the service name db"
    )
    assert url.username == db_env.get("POSTGRES_USER", "postgres"), "the user must match POSTGRES_USER"
    assert url.password == db_env.get("POSTGRES_PASSWORD"), "the password must match POSTGRES_PASSWORD"
    assert url.path.lstrip("/") == db_env.get("POSTGRES_DB", db_env.get("POSTGRES_USER", "postgres")), (
        "the database name must match POSTGRES_DB"
    )


@pytest.mark.task(taskno=5)
def test_app_publishes_its_port(compose_file: Path) -> None:
    config = read_config(compose_file)
    app = service(config, "app")
    port = int(app.get("environment", {}).get("PORT", 8000))
    assert any(p.get("target") == port for p in app.get("ports", [])), f"publish the container port {port} ($PORT)"
