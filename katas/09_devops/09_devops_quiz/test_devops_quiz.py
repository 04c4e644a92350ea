"""Checks for the notes service's Dockerfile and compose.yaml, with hadolint, docker-compose, the compose-spec
schema, and by running the image's CMD here. No Docker engine is needed.

Mistakes these tests catch: anything hadolint warns about, a compose file the tools refuse, an unpinned or full
base image, code copied before the install (every change reinstalls everything), pip's cache left behind, no USER
or USER root, a shell-form CMD, a server on 127.0.0.1 or a fixed port, a secret set with ENV or ARG (anyone who
pulls the image reads it), a secret written into compose.yaml, a `${VAR}` that quietly becomes empty when unset,
an unpinned postgres, data kept only in the container, no pg_isready healthcheck, `depends_on: [db]` (waits for
the start, not for ready), a DATABASE_URL on localhost or with another user, password or database than db's.
"""

import json
import os
import re
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from dockerfile_parse import DockerfileParser

from kata.grading.configure import describe, run_tool, serve_once

HERE = Path(__file__).parent
SECRET_NAMES = re.compile(r"SECRET|PASSWORD|PASSWD|TOKEN|API_KEY", re.IGNORECASE)


@pytest.fixture
def dockerfile(kata_file: Callable[[str], Path]) -> Path:
    """Your Dockerfile (the reference one under --solutions)."""
    return kata_file("Dockerfile")


@pytest.fixture
def compose_file(kata_file: Callable[[str], Path]) -> Path:
    """Your compose.yaml (the reference one under --solutions)."""
    return kata_file("compose.yaml")


@pytest.fixture
def instructions(dockerfile: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, value) pairs in order, comments left out."""
    parsed = DockerfileParser(str(dockerfile))
    return [(item["instruction"], item["value"]) for item in parsed.structure if item["instruction"] != "COMMENT"]


@pytest.fixture
def shell_secrets(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """SECRET_KEY and POSTGRES_PASSWORD set in the environment compose runs in, to fresh random values."""
    values = {"SECRET_KEY": f"sk-{secrets.token_hex(12)}", "POSTGRES_PASSWORD": f"pw{secrets.token_hex(6)}"}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


def compose_config(compose_file: Path) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `docker-compose config`; a .env file beside it is ignored, only the shell counts."""
    done = run_tool(
        "docker-compose",
        *("-f", str(compose_file), "--project-directory", str(HERE), "--env-file", os.devnull),
        *("config", "--format", "json"),
    )
    return done.returncode, done.stdout, done.stderr


def read_config(compose_file: Path) -> dict[str, Any]:
    """The file as docker-compose understands it: defaults filled in, `${VARIABLES}` replaced, syntax normalised."""
    code, out, err = compose_config(compose_file)
    if code != 0:
        pytest.fail(f"docker-compose cannot read your file:\n{err}")
    loaded: dict[str, Any] = json.loads(out)
    return loaded


def service(config: dict[str, Any], name: str) -> dict[str, Any]:
    services: dict[str, dict[str, Any]] = config.get("services", {})
    assert name in services, f"define a service named {name!r} (found {sorted(services)})"
    return services[name]


def index_of(instructions: list[tuple[str, str]], instruction: str, needle: str) -> int:
    return next((i for i, (name, value) in enumerate(instructions) if name == instruction and needle in value), -1)


@pytest.mark.task(taskno=1)
def test_hadolint_finds_nothing_to_fix(dockerfile: Path) -> None:
    done = run_tool("hadolint", "--no-color", "--format", "json", str(dockerfile))
    findings = [f for f in json.loads(done.stdout or "[]") if f["level"] in ("error", "warning", "info")]
    report = "\n".join(f"line {f['line']}: {f['code']} {f['message']}" for f in findings)
    assert not findings, f"hadolint says:\n{report}"


@pytest.mark.task(taskno=1)
@pytest.mark.usefixtures("shell_secrets")
def test_the_compose_tools_accept_the_file(compose_file: Path) -> None:
    done = run_tool("check-jsonschema", "--builtin-schema", "vendor.compose-spec", str(compose_file))
    assert done.returncode == 0, f"the compose-spec schema rejects the file:\n{done.stdout}{done.stderr}"
    read_config(compose_file)


@pytest.mark.task(taskno=2)
def test_base_image_is_a_pinned_slim_python(dockerfile: Path) -> None:
    base = DockerfileParser(str(dockerfile)).baseimage or ""
    assert base.startswith("python:3."), f"start FROM an official python:3.x image, pinned to a version: got {base!r}"
    assert "-slim" in base, f"use the -slim variant (about 150 MB instead of 1 GB), got {base!r}"


@pytest.mark.task(taskno=2)
def test_dependencies_are_installed_before_the_code_is_copied(instructions: list[tuple[str, str]]) -> None:
    copy_requirements = index_of(instructions, "COPY", "requirements.txt")
    install = index_of(instructions, "RUN", "pip install")
    copies = [i for i, (name, value) in enumerate(instructions) if name == "COPY" and "devops_quiz.py" in value]
    copies += [i for i, (name, value) in enumerate(instructions) if name == "COPY" and value.split()[0] == "."]
    assert copy_requirements >= 0, "COPY requirements.txt on its own, so that layer changes only when it does"
    assert install > copy_requirements, "RUN pip install -r requirements.txt after copying requirements.txt"
    assert copies, "copy devops_quiz.py into the image"
    assert min(copies) > install, "copy the code AFTER installing, or each code change reinstalls everything"
    assert "--no-cache-dir" in instructions[install][1], "pip install --no-cache-dir: the download cache is dead weight"


@pytest.mark.task(taskno=2)
def test_runs_as_a_non_root_user_after_installing(instructions: list[tuple[str, str]]) -> None:
    users = [i for i, (name, _) in enumerate(instructions) if name == "USER"]
    assert users, "add a USER: by default a container runs as root"
    user = instructions[users[-1]][1].split(":")[0]
    assert user not in ("root", "0"), f"USER {user} is root; create an unprivileged user and switch to it"
    assert users[-1] > index_of(instructions, "RUN", "pip install"), "switch USER after pip install (which needs root)"


@pytest.mark.task(taskno=2)
@pytest.mark.timeout(30)
def test_cmd_is_exec_form_and_serves_the_app_on_port(instructions: list[tuple[str, str]]) -> None:
    cmds = [value for name, value in instructions if name == "CMD"]
    assert cmds, "add a CMD that starts gunicorn"
    assert cmds[-1].lstrip().startswith("["), (
        'use the exec (JSON) form CMD ["...", "..."]: in shell form, sh is PID 1 and gunicorn never sees SIGTERM'
    )
    command = json.loads(cmds[-1])
    loopback = [host for host in ("127.0.0.1", "localhost") if host in describe(command)]
    assert not loopback, f"inside a container {loopback[0]} is reachable from that container only: bind 0.0.0.0"
    served = serve_once(command, cwd=HERE, env={"SECRET_KEY": secrets.token_hex(16)})
    assert served.status == 200, (
        f"ran `{describe(command)}` here with PORT and SECRET_KEY set, and nothing answered on 127.0.0.1:$PORT.\n"
        "Bind 0.0.0.0:$PORT (the platform picks the port).\n" + served.output[-1500:]
    )
    assert "the notes service is up" in served.body


@pytest.mark.task(taskno=3)
def test_the_image_holds_no_secret(instructions: list[tuple[str, str]]) -> None:
    baked = [f"{name} {value}" for name, value in instructions if name in ("ENV", "ARG") and SECRET_NAMES.search(value)]
    assert not baked, (
        f"anyone who pulls the image can read {baked}: (`docker history`, `docker inspect`): "
        "give secrets to the container when it starts, never to the image"
    )


@pytest.mark.task(taskno=3)
def test_compose_takes_the_secrets_from_the_shell(compose_file: Path, shell_secrets: dict[str, str]) -> None:
    config = read_config(compose_file)
    app_env = service(config, "app").get("environment", {})
    db_env = service(config, "db").get("environment", {})
    assert app_env.get("SECRET_KEY") == shell_secrets["SECRET_KEY"], (
        "the app's SECRET_KEY must be the one in the shell that runs compose: write ${SECRET_KEY...}, not the key"
    )
    assert db_env.get("POSTGRES_PASSWORD") == shell_secrets["POSTGRES_PASSWORD"], (
        "db's POSTGRES_PASSWORD must be the one in the shell that runs compose, not one written in the file"
    )
    url = urlsplit(app_env.get("DATABASE_URL", ""))
    assert url.password == shell_secrets["POSTGRES_PASSWORD"], (
        f"DATABASE_URL must carry the same password, from the shell (got {url.password!r})"
    )


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("missing", ["SECRET_KEY", "POSTGRES_PASSWORD"])
def test_compose_refuses_to_start_without_a_secret(
    compose_file: Path, shell_secrets: dict[str, str], monkeypatch: pytest.MonkeyPatch, missing: str
) -> None:
    read_config(compose_file)  # with both set, the file is fine
    monkeypatch.delenv(missing)
    code, _, err = compose_config(compose_file)
    assert code != 0, (
        f"with {missing} unset, compose went on with an empty value: make it a required variable, "
        f"so that it stops and names {missing}"
    )
    assert missing in err, f"the error should name {missing}:\n{err}"


@pytest.mark.task(taskno=4)
@pytest.mark.usefixtures("shell_secrets")
def test_database_is_pinned_keeps_its_data_and_says_when_it_is_ready(compose_file: Path) -> None:
    db = service(read_config(compose_file), "db")
    image = db.get("image", "")
    assert re.fullmatch(r"postgres:\d+.*", image), (
        f"use the official postgres image pinned to a major version: {image!r}"
    )
    targets = [v.get("target") for v in db.get("volumes", []) if v.get("type") == "volume"]
    assert "/var/lib/postgresql/data" in targets, "keep the data in a named volume mounted at /var/lib/postgresql/data"
    check = db.get("healthcheck") or {}
    assert not check.get("disable"), "the healthcheck is disabled"
    assert "pg_isready" in " ".join(check.get("test", [])), "give db a healthcheck that runs pg_isready"
    assert check.get("interval"), "set an interval so the check is repeated until the database is up"
    assert check.get("retries"), "set retries: how many failed checks make the service unhealthy"


@pytest.mark.task(taskno=4)
@pytest.mark.usefixtures("shell_secrets")
def test_app_waits_until_the_database_is_healthy(compose_file: Path) -> None:
    depends = service(read_config(compose_file), "app").get("depends_on", {})
    assert "db" in depends, "the app depends on db"
    assert depends["db"].get("condition") == "service_healthy", (
        "`depends_on: [db]` only waits for the container to start; use the long form with condition: service_healthy"
    )


@pytest.mark.task(taskno=4)
@pytest.mark.usefixtures("shell_secrets")
def test_app_finds_the_database_and_publishes_its_port(compose_file: Path) -> None:
    config = read_config(compose_file)
    app, db_env = service(config, "app"), service(config, "db").get("environment", {})
    url = urlsplit(app.get("environment", {}).get("DATABASE_URL", ""))
    assert url.scheme == "postgresql", f"give the app a postgresql:// DATABASE_URL (got scheme {url.scheme!r})"
    assert url.hostname == "db", f"inside the app container, {url.hostname!r} is not the database: use the service name"
    user = db_env.get("POSTGRES_USER", "postgres")
    assert url.username == user, f"the URL's user must be db's POSTGRES_USER ({user!r}), got {url.username!r}"
    database = db_env.get("POSTGRES_DB", user)
    assert url.path.lstrip("/") == database, f"the URL's database must be db's POSTGRES_DB ({database!r})"
    port = int(app.get("environment", {}).get("PORT", 8000))
    assert any(p.get("target") == port for p in app.get("ports", [])), f"publish the container port {port} ($PORT)"
