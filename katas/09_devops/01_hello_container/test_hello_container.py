"""Checks for the Dockerfile of hello_container.py, with hadolint, dockerfile-parse, and by running its CMD.

Mistakes these tests catch: `python:latest` or a full (non-slim) base image, `COPY . .` before `pip install`
(every code change reinstalls all dependencies), pip's download cache left in the image, no USER or USER root,
USER switched before the installs need root, a shell-form CMD (signals go to sh, not to gunicorn), a CMD that
ignores $PORT or binds 127.0.0.1 only, and whatever else hadolint warns about.
"""

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from dockerfile_parse import DockerfileParser

from kata.grading.configure import describe, run_tool, serve_once

HERE = Path(__file__).parent


@pytest.fixture
def dockerfile(kata_file: Callable[[str], Path]) -> Path:
    """Your Dockerfile (the reference one under --solutions)."""
    return kata_file("Dockerfile")


@pytest.fixture
def instructions(dockerfile: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, value) pairs in order, comments left out."""
    parsed = DockerfileParser(str(dockerfile))
    return [(item["instruction"], item["value"]) for item in parsed.structure if item["instruction"] != "COMMENT"]


def index_of(instructions: list[tuple[str, str]], instruction: str, needle: str) -> int:
    return next((i for i, (name, value) in enumerate(instructions) if name == instruction and needle in value), -1)


@pytest.mark.task(taskno=2)
def test_base_image_is_a_pinned_slim_python(dockerfile: Path) -> None:
    base = DockerfileParser(str(dockerfile)).baseimage or ""
    assert base.startswith("python:3."), f"start FROM an official python:3.x image, got {base!r}"
    assert "-slim" in base, f"use the -slim variant (about 150 MB instead of 1 GB), got {base!r}"


@pytest.mark.task(taskno=3)
def test_dependencies_are_installed_before_the_code_is_copied(instructions: list[tuple[str, str]]) -> None:
    copy_requirements = index_of(instructions, "COPY", "requirements.txt")
    install = index_of(instructions, "RUN", "pip install")
    copy_code = index_of(instructions, "COPY", "hello_container.py")
    copy_all = next((i for i, (n, v) in enumerate(instructions) if n == "COPY" and v.split()[0] == "."), -1)
    assert copy_requirements >= 0, "COPY requirements.txt on its own, so that layer changes only when it does"
    assert install > copy_requirements, "RUN pip install -r requirements.txt right after copying requirements.txt"
    assert max(copy_code, copy_all) > install, (
        "copy the code AFTER installing, or each code change reinstalls everything"
    )
    assert "--no-cache-dir" in instructions[install][1], "pip install --no-cache-dir: the download cache is dead weight"


@pytest.mark.task(taskno=4)
def test_runs_as_a_non_root_user_after_installing(instructions: list[tuple[str, str]]) -> None:
    users = [i for i, (name, _) in enumerate(instructions) if name == "USER"]
    assert users, "add a USER: by default a container runs as root"
    user = instructions[users[-1]][1].split(":")[0]
    assert user not in ("root", "0"), f"USER {user} is root; create an unprivileged user and switch to it"
    assert users[-1] > index_of(instructions, "RUN", "pip install"), "switch USER after pip install (which needs root)"


@pytest.mark.task(taskno=5)
def test_cmd_is_exec_form(instructions: list[tuple[str, str]]) -> None:
    cmds = [value for name, value in instructions if name == "CMD"]
    assert cmds, "add a CMD that starts gunicorn"
    assert cmds[-1].lstrip().startswith("["), (
        'use the exec (JSON) form CMD ["...", "..."]: in shell form, sh is PID 1 and gunicorn never sees SIGTERM'
    )
    json.loads(cmds[-1])


@pytest.mark.task(taskno=5)
@pytest.mark.timeout(30)
def test_cmd_serves_the_app_on_port(instructions: list[tuple[str, str]]) -> None:
    cmds = [value for name, value in instructions if name == "CMD"]
    assert cmds, "add a CMD that starts gunicorn"
    command = json.loads(cmds[-1]) if cmds[-1].lstrip().startswith("[") else cmds[-1]
    loopback = [host for host in ("127.0.0.1", "localhost") if host in describe(command)]
    assert not loopback, f"inside a container {loopback[0]} is reachable from that container only: bind 0.0.0.0"
    served = serve_once(command, cwd=HERE)
    assert served.status == 200, (
        f"ran `{describe(command)}` here with PORT set, and nothing answered on 127.0.0.1:$PORT.\n"
        "Bind 0.0.0.0:$PORT (the platform picks the port).\n" + served.output[-1500:]
    )
    assert "hello from a container" in served.body


@pytest.mark.task(taskno=1)
def test_hadolint_finds_nothing_to_fix(dockerfile: Path) -> None:
    done = run_tool("hadolint", "--no-color", "--format", "json", str(dockerfile))
    findings = [f for f in json.loads(done.stdout or "[]") if f["level"] in ("error", "warning", "info")]
    report = "\n".join(f"line {f['line']}: {f['code']} {f['message']}" for f in findings)
    assert not findings, f"hadolint says:\n{report}"
