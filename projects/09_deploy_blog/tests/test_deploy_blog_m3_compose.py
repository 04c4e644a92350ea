"""Milestone 3: docker-compose.yml, read by the Compose CLI (`docker-compose config`, no engine needed) and checked.

Mistakes these tests catch: a file Compose rejects, `postgres` without a pinned version, a database without a
volume (gone on `down`) or without a pg_isready healthcheck, `depends_on: [db]` (waits for the container to
START, not to accept connections), migrations run by every web container or not at all, SECRET_KEY written into
the file, a DATABASE_URL on localhost (inside a container that is the container itself) or with credentials
that differ from the database's, a web service that does not build this Dockerfile or publish $PORT.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from deploy_support import compose_config, once

SENTINEL = "sentinel-secret-from-the-shell-0123456789abcdef"


@pytest.fixture
def config(kata_file: Callable[[str], Path], project_dir: Path, prod_env: dict[str, str]) -> dict[str, Any]:
    """Your docker-compose.yml as `docker-compose config` resolves it, with SECRET_KEY set in the shell."""
    compose_file = kata_file("docker-compose.yml")
    env = {**prod_env, "SECRET_KEY": SENTINEL}
    return once(("m3-config", compose_file), lambda: compose_config(compose_file, project_dir, env))


def service(config: dict[str, Any], name: str) -> dict[str, Any]:
    services: dict[str, dict[str, Any]] = config.get("services", {})
    assert name in services, f"define a service named {name!r} (found {sorted(services)})"
    return services[name]


def migration_service(config: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    for name, spec in config.get("services", {}).items():
        if "db upgrade" in " ".join(spec.get("command") or []):
            return name, spec
    raise AssertionError("add a one-off service whose command runs the migrations (flask ... db upgrade)")


@pytest.mark.task(taskno=1)
def test_db_is_a_pinned_postgres_with_a_volume(config: dict[str, Any]) -> None:
    db = service(config, "db")
    image = db.get("image", "")
    assert image.startswith("postgres:"), (
        f"use the official postgres image with a tag, e.g. postgres:16-alpine ({image!r})"
    )
    assert image.split(":")[1][:2].isdigit(), f"pin the major version, e.g. postgres:16-alpine (got {image!r})"
    assert db.get("environment", {}).get("POSTGRES_PASSWORD"), "the postgres image will not start without a password"
    targets = [v.get("target") for v in db.get("volumes", []) if v.get("type") == "volume"]
    assert "/var/lib/postgresql/data" in targets, "keep the data in a named volume at /var/lib/postgresql/data"


@pytest.mark.task(taskno=1)
def test_db_has_a_pg_isready_healthcheck(config: dict[str, Any]) -> None:
    check = service(config, "db").get("healthcheck") or {}
    assert check, "give db a healthcheck: Compose only knows 'healthy' if you define it"
    assert not check.get("disable"), "the healthcheck is disabled"
    assert "pg_isready" in " ".join(check.get("test", [])), "test readiness with pg_isready"
    assert check.get("interval"), "set an interval, so the check repeats until PostgreSQL is up"
    assert check.get("retries"), "set retries"


@pytest.mark.task(taskno=2)
def test_web_waits_for_a_healthy_database(config: dict[str, Any]) -> None:
    depends = service(config, "web").get("depends_on", {})
    assert "db" in depends, "web depends on db"
    assert depends["db"].get("condition") == "service_healthy", (
        "`depends_on: [db]` only waits for the container to start; use condition: service_healthy"
    )


@pytest.mark.task(taskno=2)
def test_migrations_run_once_before_web_starts(config: dict[str, Any]) -> None:
    name, migrate = migration_service(config)
    assert migrate.get("depends_on", {}).get("db", {}).get("condition") == "service_healthy", (
        f"{name} must wait for a healthy db too"
    )
    depends = service(config, "web").get("depends_on", {})
    assert depends.get(name, {}).get("condition") == "service_completed_successfully", (
        f"web waits for {name} to finish: depends_on: {{{name}: {{condition: service_completed_successfully}}}}"
    )
    assert "db upgrade" not in " ".join(service(config, "web").get("command") or []), (
        "migrate in the one-off service, not in the web command (two web replicas would race)"
    )


@pytest.mark.task(taskno=3)
def test_secret_key_comes_from_the_shell(config: dict[str, Any]) -> None:
    for name in ("web", migration_service(config)[0]):
        secret = service(config, name).get("environment", {}).get("SECRET_KEY")
        assert secret == SENTINEL, (
            f"{name}: SECRET_KEY must come from your shell or .env (`SECRET_KEY: ${{SECRET_KEY:?set it}}`), "
            f"never written in the file (got {secret!r})"
        )


@pytest.mark.task(taskno=3)
def test_database_url_points_at_the_db_service(config: dict[str, Any]) -> None:
    db_env = service(config, "db").get("environment", {})
    for name in ("web", migration_service(config)[0]):
        app_env = service(config, name).get("environment", {})
        assert "DATABASE_URL" in app_env, f"pass DATABASE_URL to {name}"
        url = urlsplit(app_env["DATABASE_URL"])
        assert url.scheme == "postgresql", f"use a postgresql:// URL (got {url.scheme!r})"
        assert url.hostname == "db", f"inside {name}'s container {url.hostname!r} is not the database: use db"
        assert url.username == db_env.get("POSTGRES_USER", "postgres"), "the user must match POSTGRES_USER"
        assert url.password == db_env.get("POSTGRES_PASSWORD"), "the password must match POSTGRES_PASSWORD"
        expected = db_env.get("POSTGRES_DB", db_env.get("POSTGRES_USER", "postgres"))
        assert url.path.lstrip("/") == expected, "the database name must match POSTGRES_DB"


@pytest.mark.task(taskno=3)
def test_web_builds_this_folder_and_publishes_its_port(config: dict[str, Any], project_dir: Path) -> None:
    web = service(config, "web")
    context = web.get("build", {}).get("context")
    assert context, "build web from this folder: `build: .`"
    assert Path(context).resolve() == project_dir.resolve(), "build web from this folder: `build: .`"
    assert "PORT" in web.get("environment", {}), (
        "set PORT in web's environment: the CMD binds $PORT, as on Heroku, and ports: must publish the same number"
    )
    port = int(web["environment"]["PORT"])
    assert any(p.get("target") == port for p in web.get("ports", [])), f"publish the container port {port} ($PORT)"
