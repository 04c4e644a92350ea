"""Milestone 2: the Dockerfile and .dockerignore, read with dockerfile-parse, linted with hadolint, and its CMD
and HEALTHCHECK run here (no Docker engine) with PORT set, against a migrated SQLite database.

Mistakes these tests catch: one stage that ships pip and the build cache, `python:latest` or an unpinned or
full-size base, the runtime stage installing its own packages instead of copying the builder's, no USER or a
named or root user (Kubernetes' runAsNonRoot can only check a number), a shell-form CMD (sh stays PID 1 and
gunicorn never gets SIGTERM) or `sh -c` without `exec`, a CMD that binds 127.0.0.1 or ignores $PORT, the Flask
development server, no HEALTHCHECK or one that passes while the app is down, an app that boots without
SECRET_KEY, and a build context that ships .git, the virtualenv or the tests.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from deploy_support import Instruction, describe, image_command, migrate, once, run, serving

from kata.grading.configure import run_tool

PINNED_SLIM_PYTHON = re.compile(r"^python:3\.\d+(\.\d+)?-slim(-[a-z]+)?(@sha256:[0-9a-f]{64})?$")


def final(stages: list[list[Instruction]]) -> list[Instruction]:
    return stages[-1]


def gunicorn_command(stages: list[list[Instruction]]) -> list[str]:
    """The final stage's CMD, which must be an exec-form list."""
    command = image_command(final(stages), "CMD")
    assert command is not None, "add a CMD that starts gunicorn"
    assert isinstance(command, list), (
        'use the exec (JSON) form CMD ["...", "..."]: in shell form sh is PID 1 and gunicorn never sees SIGTERM'
    )
    return command


def serve_cmd(stages: list[list[Instruction]], project_dir: Path, env: dict[str, str]) -> dict[str, Any]:
    """Run the CMD here (the project folder stands in for /app) and record what it and the HEALTHCHECK said."""
    command = gunicorn_command(stages)
    check = image_command(final(stages), "HEALTHCHECK")
    seen: dict[str, Any] = {"command": describe(command)}
    with serving(command, project_dir, env) as server:
        seen["healthz"] = (server.get("/healthz").status_code, server.get("/healthz").text)
        index = server.get("/")
        seen["index"] = (index.status_code, index.text)
        if check is not None:
            up = run(check, project_dir, {**env, "PORT": str(server.port)})
            seen["check_up"] = (up.returncode, up.stdout + up.stderr)
        port = server.port
    if check is not None:
        down = run(check, project_dir, {**env, "PORT": str(port)})
        seen["check_down"] = (down.returncode, down.stdout + down.stderr)
    return seen


@pytest.fixture
def served(stages: list[list[Instruction]], project_dir: Path, prod_env: dict[str, str]) -> dict[str, Any]:
    """The CMD started once for this file's tests (after migrating): /healthz, /, the HEALTHCHECK up and down."""

    def migrate_then_serve() -> dict[str, Any]:
        migrate(project_dir, prod_env)
        return serve_cmd(stages, project_dir, prod_env)

    return once(("m2-served", project_dir), migrate_then_serve)


@pytest.mark.task(taskno=1)
def test_is_multi_stage_with_a_named_builder(stages: list[list[Instruction]]) -> None:
    assert len(stages) >= 2, "use two stages: a builder that installs, and a slim runtime that only runs"
    builder = stages[0][0].value.split()
    named = len(builder) == 3 and builder[1].upper() == "AS"
    assert named, f"name the first stage (`FROM python:3.11-slim AS builder`), got FROM {stages[0][0].value}"
    copies = [i.value for i in final(stages) if i.name == "COPY" and f"--from={builder[2]}" in i.value]
    assert copies, f"the runtime stage takes the result from the builder: COPY --from={builder[2]} ..."


@pytest.mark.task(taskno=1)
def test_every_stage_starts_from_a_pinned_slim_python(stages: list[list[Instruction]]) -> None:
    for stage in stages:
        image = stage[0].value.split()[0]
        assert PINNED_SLIM_PYTHON.match(image), (
            f"FROM {image}: use the official slim Python with its minor version pinned, e.g. python:3.11-slim-bookworm "
            "(`latest` or `3` changes under you; the full image is about 1 GB)"
        )


@pytest.mark.task(taskno=1)
def test_the_builder_installs_the_requirements_and_the_runtime_installs_nothing(
    stages: list[list[Instruction]],
) -> None:
    builder = [i for stage in stages[:-1] for i in stage]
    copies = [n for n, i in enumerate(builder) if i.name == "COPY" and "requirements.txt" in i.value]
    installs = [
        n for n, i in enumerate(builder) if i.name == "RUN" and re.search(r"pip install.*-r\s*requirements", i.value)
    ]
    assert copies, "in the builder: COPY requirements.txt (alone, so its layer is cached until it changes)"
    assert installs, "in the builder: RUN pip install --no-cache-dir -r requirements.txt"
    assert copies[0] < installs[0], "copy requirements.txt before installing from it"
    assert "--no-cache-dir" in builder[installs[0]].value, (
        "pip install --no-cache-dir: the download cache is dead weight"
    )
    assert not [i for i in final(stages) if i.name == "RUN" and "pip install" in i.value], (
        "the runtime stage installs nothing: COPY --from the builder's virtualenv instead"
    )


@pytest.mark.task(taskno=2)
def test_runs_as_a_numeric_non_root_user(stages: list[list[Instruction]]) -> None:
    users = [i.value.strip() for i in final(stages) if i.name == "USER"]
    assert users, "add USER to the runtime stage: by default a container runs as root"
    uid = users[-1].split(":")[0]
    assert uid.isdigit(), f"USER {users[-1]}: give the numeric uid (e.g. 10001), which a platform can check is not root"
    assert int(uid) != 0, "USER 0 is root"


@pytest.mark.task(taskno=3)
def test_cmd_is_exec_form_gunicorn_on_port(stages: list[list[Instruction]]) -> None:
    command = gunicorn_command(stages)
    line = describe(command)
    assert "gunicorn" in line, f"serve with gunicorn, not the development server (CMD {line})"
    for loopback in ("127.0.0.1", "localhost"):
        assert loopback not in line, f"{loopback} inside a container is reachable from that container only"
    if command[0] in ("sh", "/bin/sh"):
        assert re.search(r"\bexec\s+gunicorn", command[-1]), (
            'with ["sh", "-c", "..."], start the line with `exec gunicorn` so gunicorn replaces the shell as PID 1'
        )


@pytest.mark.task(taskno=3)
@pytest.mark.timeout(120)
def test_cmd_serves_healthz_and_the_index_on_port(served: dict[str, Any]) -> None:
    status, body = served["healthz"]
    assert status == 200, f"GET /healthz said {status}: {body[:300]}"
    assert json.loads(body) == {"status": "ok"}, f"GET /healthz said {body[:300]}"
    status, body = served["index"]
    assert status == 200, f"GET / said {status}: {body[:500]}"
    assert "· Blog</title>" in body, "GET / should be the blog's index page"


@pytest.mark.task(taskno=3)
@pytest.mark.timeout(120)
def test_cmd_refuses_to_start_without_secret_key(
    stages: list[list[Instruction]], project_dir: Path, prod_env: dict[str, str]
) -> None:
    command = gunicorn_command(stages)
    env = {key: value for key, value in prod_env.items() if key != "SECRET_KEY"}
    try:
        with serving(command, project_dir, env):
            pass
    except pytest.fail.Exception as refused:
        output = str(refused)
    else:
        raise AssertionError("the app started without SECRET_KEY: production must refuse to run with a dev key")
    assert "SECRET_KEY" in output, f"the server stopped without saying why; name SECRET_KEY in the error:\n{output}"


@pytest.mark.task(taskno=4)
def test_healthcheck_calls_healthz(stages: list[list[Instruction]]) -> None:
    checks = [i.value for i in final(stages) if i.name == "HEALTHCHECK"]
    assert checks, "add a HEALTHCHECK: Docker (and Compose's service_healthy) then knows when the app is ready"
    assert "NONE" not in checks[-1].split(), "HEALTHCHECK NONE turns the check off"
    assert "--interval" in checks[-1], "set --interval: how often Docker asks"
    assert "--timeout" in checks[-1], "set --timeout: a check that hangs counts as failed"
    command = image_command(final(stages), "HEALTHCHECK")
    assert isinstance(command, list), 'use the exec form: HEALTHCHECK ... CMD ["python", "-m", "blog_prod.healthcheck"]'


@pytest.mark.task(taskno=4)
@pytest.mark.timeout(120)
def test_healthcheck_passes_while_up_and_fails_when_down(served: dict[str, Any]) -> None:
    assert "check_up" in served, "add a HEALTHCHECK"
    code, said = served["check_up"]
    if "NotImplementedError" in said:
        raise NotImplementedError(said[-800:])
    assert code == 0, f"the HEALTHCHECK command failed while the app was up (exit {code}):\n{said}"
    code, said = served["check_down"]
    assert code != 0, "the HEALTHCHECK command still passed after the app stopped: it must really ask /healthz"


@pytest.mark.task(taskno=5)
def test_hadolint_finds_nothing_to_fix(dockerfile: Path) -> None:
    done = run_tool("hadolint", "--no-color", "--format", "json", str(dockerfile))
    findings = [f for f in json.loads(done.stdout or "[]") if f["level"] in ("error", "warning", "info")]
    report = "\n".join(f"line {f['line']}: {f['code']} {f['message']}" for f in findings)
    assert not findings, f"hadolint says:\n{report}"


def dockerignore_excludes(patterns: list[str], path: str) -> bool:
    """Whether Docker leaves `path` out of the build context: the last matching pattern wins, `!` re-includes."""
    excluded = False
    parts = path.split("/")
    for pattern in patterns:
        negate = pattern.startswith("!")
        regex = glob_regex(pattern.removeprefix("!").strip("/"))
        if any(regex.fullmatch("/".join(parts[:n])) for n in range(1, len(parts) + 1)):
            excluded = not negate
    return excluded


def glob_regex(pattern: str) -> re.Pattern[str]:
    """Docker's .dockerignore glob (Go's filepath.Match plus `**`) as a regular expression."""
    out = ""
    for token in re.split(r"(\*\*/?|\*|\?|\[[^\]]*\])", pattern):
        if token.startswith("**"):
            out += "(.*/)?" if token.endswith("/") else ".*"
        elif token == "*":
            out += "[^/]*"
        elif token == "?":
            out += "[^/]"
        elif token.startswith("[") and token.endswith("]"):
            out += token
        else:
            out += re.escape(token)
    return re.compile(out)


@pytest.mark.task(taskno=5)
@pytest.mark.parametrize(
    ("path", "why"),
    [
        (".git/HEAD", "the history is not needed and may hold secrets"),
        (".venv/bin/python", "a local virtualenv is built for your machine, not the image's"),
        ("tests/conftest.py", "tests do not run in production"),
        ("blog/__pycache__/models.cpython-311.pyc", "bytecode caches are rebuilt anyway"),
        (".env", "a .env file holds secrets"),
    ],
)
def test_dockerignore_keeps_the_context_small(kata_file: Callable[[str], Path], path: str, why: str) -> None:
    ignore = kata_file(".dockerignore")
    assert ignore.is_file(), "write a .dockerignore next to the Dockerfile"
    patterns = [
        line.strip() for line in ignore.read_text(encoding="utf-8").splitlines() if line.strip() and line[0] != "#"
    ]
    assert dockerignore_excludes(patterns, path), f".dockerignore must leave out {path}: {why}"
    for needed in ("requirements.txt", "blog/__init__.py", "blog_prod/__init__.py"):
        assert not dockerignore_excludes(patterns, needed), f".dockerignore leaves out {needed}, which the image needs"
