"""A Codespace opens ready: current majors and pins, every service a test reads, prebuild-friendly commands.

Each check runs on this repository and on a copy broken on purpose, so none of them can pass by accident.
The dev container is also built and started for real by the CI workflow's `devcontainer` job.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.codespace_checks import (
    CI_SCRIPT,
    COMPOSE,
    DEPENDABOT,
    DOCKERFILE,
    base_image_problems,
    browser_problems,
    dependabot_problems,
    environment_reads,
    feature_problems,
    prebuild_problems,
    service_variable_problems,
    service_variables,
    version_problems,
)
from tests.editor_checks import DEVCONTAINER, WORKFLOW, Check, complaints_about, copy_workspace, edit

pytestmark = pytest.mark.timeout(60)

CHECKS: list[Check] = [
    feature_problems,
    base_image_problems,
    version_problems,
    service_variable_problems,
    browser_problems,
    prebuild_problems,
    dependabot_problems,
]


@pytest.fixture(scope="module")
def pristine(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the workspace that each breakage test copies again and breaks."""
    return copy_workspace(root, tmp_path_factory.mktemp("pristine") / "workspace")


@pytest.mark.parametrize("check", CHECKS, ids=[check.__name__ for check in CHECKS])
def test_the_workspace_passes(root: Path, check: Check) -> None:
    assert check(root) == []


@pytest.mark.parametrize("check", CHECKS, ids=[check.__name__ for check in CHECKS])
def test_an_untouched_copy_passes(pristine: Path, check: Check) -> None:
    assert check(pristine) == [], f"{check.__name__} fails on an untouched copy, so the breakage tests prove nothing"


def test_the_scan_finds_every_way_of_reading_the_environment() -> None:
    source = """
import os
from os import environ
a = os.environ["A_URL"]
b = os.environ.get("B_URL", "")
c = os.getenv("C_URL")
d = environ.get("D_URL")
e = settings.get("E_URL")
f = {"F_URL": 1}["F_URL"]
"""
    assert environment_reads(source) == {"A_URL", "B_URL", "C_URL", "D_URL"}


def test_the_services_the_tests_read_today_are_found(root: Path) -> None:
    found = service_variables(root)
    assert {"DATABASE_URL", "REDIS_URL", "NATS_URL", "KATA_DOCKER"} <= set(found), found


def plant_a_test_reading(name: str) -> Callable[[Path], None]:
    def plant(copy: Path) -> None:
        test = copy / "projects/04_blog/tests/test_planted.py"
        test.write_text(f'import os\n\n\ndef test_it() -> None:\n    assert os.environ.get("{name}")\n')

    return plant


# (what is broken, how, the check that must notice, a fragment of its complaint)
BREAKAGES: list[tuple[str, Callable[[Path], None], Check, str]] = [
    ("frozen docker feature", edit(DEVCONTAINER, "docker-in-docker:4", "docker-in-docker:2"), feature_problems, "frozen major"),
    ("unpinned docker feature", edit(DEVCONTAINER, "docker-in-docker:4", "docker-in-docker:latest"), feature_problems, "pin docker-in-docker"),
    ("no docker feature", edit(DEVCONTAINER, "features/docker-in-docker:4", "features/node:1"), feature_problems, "is missing"),
    ("KATA_DOCKER unset", edit(DEVCONTAINER, '"KATA_DOCKER": "1",', ""), feature_problems, "KATA_DOCKER should be '1'"),
    ("frozen image major", edit(DOCKERFILE, "python:3-3.11-bookworm", "python:2-3.11-bookworm"), base_image_problems, "frozen image major"),
    ("no image major", edit(DOCKERFILE, "python:3-3.11-bookworm", "python:3.11-bookworm"), base_image_problems, "no image major"),
    ("CI's Python", edit(WORKFLOW, 'python-version: "3.11"', 'python-version: "3.12"'), version_problems, "CI sets up"),
    ("newer Python than supported", edit(DOCKERFILE, "python:3-3.11-bookworm", "python:3-3.12-bookworm"), version_problems, "oldest the project supports"),
    ("PostgreSQL drifts from CI", edit(COMPOSE, "postgres:16.15-bookworm", "postgres:16.16-bookworm"), version_problems, "CI does not run"),
    ("psql for another major", edit(DOCKERFILE, "postgresql-client-16;", "postgresql-client-17;"), version_problems, "postgresql-client-['17']"),
    ("NATS drifts from CI", edit(WORKFLOW, "nats:2.14.5-alpine -js", "nats:2.12.15-alpine -js"), version_problems, "nats runs nats:2.14.5"),
    ("NATS without JetStream", edit(COMPOSE, 'command: ["-js", "-m", "8222"]', 'command: ["-m", "8222"]'), version_problems, "without JetStream"),
    ("CI's NATS without JetStream", edit(WORKFLOW, "nats:2.14.5-alpine -js", "nats:2.14.5-alpine"), version_problems, "CI's NATS"),
    ("a new service variable", plant_a_test_reading("MONGO_URL"), service_variable_problems, "MONGO_URL is not set"),
    ("a new KATA_ switch", plant_a_test_reading("KATA_BROWSER"), service_variable_problems, "KATA_BROWSER is not set"),
    ("NATS_URL not in the container", edit(DEVCONTAINER, '"NATS_URL": "nats://nats:4222",', ""), service_variable_problems, "containerEnv: NATS_URL"),
    ("NATS_URL not in CI", edit(WORKFLOW, "      NATS_URL: nats://127.0.0.1:4222\n", ""), service_variable_problems, "ci.yml: NATS_URL"),
    ("NATS_URL not in .ci/run", edit(CI_SCRIPT, 'export NATS_URL=', 'NATS_URL='), service_variable_problems, ".ci/run: NATS_URL"),
    ("a service that does not start", edit(DEVCONTAINER, '"redis", "nats", "rabbitmq"]', '"redis", "rabbitmq"]'), service_variable_problems, "'nats', not a service in runServices"),
    ("a wrong scheme", edit(DEVCONTAINER, '"redis://redis:6379/0"', '"rediss://redis:6379/0"'), service_variable_problems, "disagree on its scheme"),
    ("no Chromium", edit(DOCKERFILE, "redis-tools chromium", "redis-tools"), browser_problems, "no apt-get install of chromium"),
    ("CI does not run the browser", edit(WORKFLOW, "/usr/bin/chromium --headless", "echo --headless"), browser_problems, "no step runs"),
    ("install only after the prebuild", edit(DEVCONTAINER, '"updateContentCommand": "make install",', ""), prebuild_problems, "prebuilds capture it"),
    ("no safe.directory", edit(Path(".devcontainer/post-create.sh"), "--add safe.directory", "--get safe.directory"), prebuild_problems, "safe.directory"),
    ("no remoteUser", edit(DEVCONTAINER, '"remoteUser": "vscode",', ""), prebuild_problems, "remoteUser"),
    ("random ports announced", edit(DEVCONTAINER, '"onAutoForward": "ignore"', '"onAutoForward": "notify"'), prebuild_problems, "random ports"),
    ("uv hard links", edit(DEVCONTAINER, '"UV_LINK_MODE": "copy"', '"UV_LINK_MODE": "hardlink"'), prebuild_problems, "UV_LINK_MODE"),
    ("two Docker extensions", edit(DEVCONTAINER, '"mtxr.sqltools",', '"mtxr.sqltools", "ms-azuretools.vscode-docker",'), prebuild_problems, "one Docker extension"),
    ("no devcontainers updates", edit(DEPENDABOT, "package-ecosystem: devcontainers", "package-ecosystem: npm"), dependabot_problems, "no devcontainers updates"),
    ("dependabot schema", edit(DEPENDABOT, "interval: weekly", "interval: fortnightly"), dependabot_problems, "vendor.dependabot"),
]  # fmt: skip


@pytest.mark.parametrize(("how", "check", "complaint"), [b[1:] for b in BREAKAGES], ids=[b[0] for b in BREAKAGES])
def test_each_check_fails_on_a_broken_copy(
    pristine: Path, tmp_path: Path, how: Callable[[Path], None], check: Check, complaint: str
) -> None:
    problems = complaints_about(pristine, tmp_path / "workspace", how, check)
    assert any(complaint in problem for problem in problems), f"expected a complaint with {complaint!r}, got {problems}"
