"""The dev container and CI files, checked with the real tools, and each check shown to fail on a broken copy.

- devcontainer.json: parsed as JSONC, validated against the official devContainer base
  schema (as shipped by the pinned devcc wheel, sha256-checked), then what the schema
  cannot know: the compose service exists, the post-create script exists and is executable,
  the URLs point at compose services, extension ids are well-formed.
- docker-compose.yml: the Compose CLI's `config` (no engine needed) and the compose-spec schema.
- Dockerfile: hadolint, and a devcontainers Python base image pinned to an image major or release.
- .github/workflows/ci.yml: check-jsonschema's GitHub workflow schema and actionlint.
- The post-create script, run for real in a copy of the repository (slow).
Current majors, versions that agree with CI, and every service a test reads: tests/test_codespace.py.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.editor_checks import (
    DEVCONTAINER,
    WORKFLOW,
    Check,
    complaints_about,
    compose_problems,
    copy_workspace,
    devcontainer_problems,
    devcontainer_schema,
    dockerfile_problems,
    edit,
    workflow_problems,
)

# Each check starts real tools (hadolint, the Compose CLI, node, kata, make): allow for a busy machine.
pytestmark = pytest.mark.timeout(60)

COMPOSE = Path(".devcontainer/docker-compose.yml")
DOCKERFILE = Path(".devcontainer/Dockerfile")
POST_CREATE = Path(".devcontainer/post-create.sh")


def check_devcontainer(root: Path) -> list[str]:
    return devcontainer_problems(root)


def check_compose(root: Path) -> list[str]:
    return compose_problems(root / COMPOSE)


def check_dockerfile(root: Path) -> list[str]:
    return dockerfile_problems(root / DOCKERFILE)


def check_workflow(root: Path) -> list[str]:
    return workflow_problems(root / WORKFLOW)


@pytest.fixture(scope="module")
def pristine(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the workspace that each breakage test copies again and breaks."""
    return copy_workspace(root, tmp_path_factory.mktemp("pristine") / "workspace")


def test_devcontainer_json_is_valid(root: Path) -> None:
    assert devcontainer_problems(root) == []


def test_the_schema_is_the_pinned_official_one() -> None:
    schema = devcontainer_schema()  # raises if devcc's copy changed
    assert schema["description"] == "Defines a dev container"
    assert "composeContainer" in schema["definitions"]


def test_compose_file_is_valid(root: Path) -> None:
    assert compose_problems(root / COMPOSE) == []


def test_dockerfile_passes_hadolint_on_a_pinned_base(root: Path) -> None:
    assert dockerfile_problems(root / DOCKERFILE) == []


def test_ci_workflow_is_valid_and_runs_the_ci_script(root: Path) -> None:
    assert workflow_problems(root / WORKFLOW) == []


@pytest.mark.parametrize("check", [check_devcontainer, check_compose, check_dockerfile, check_workflow])
def test_an_untouched_copy_passes(pristine: Path, check: Check) -> None:
    assert check(pristine) == [], f"{check.__name__} fails on an untouched copy, so the breakage tests prove nothing"


def make_not_executable(copy: Path) -> None:
    (copy / POST_CREATE).chmod(0o644)


# (what is broken, how, the check that must notice, a fragment of its complaint)
BREAKAGES: list[tuple[str, Callable[[Path], None], Check, str]] = [
    ("misspelled key", edit(DEVCONTAINER, '"forwardPorts"', '"forwardPort"'), check_devcontainer, "'forwardPort' was unexpected"),
    ("bad memory size", edit(DEVCONTAINER, '"memory": "4gb"', '"memory": "4 GB"'), check_devcontainer, "does not match"),
    ("not JSONC", edit(DEVCONTAINER, '"name": "Backend Katas",', '"name": "Backend Katas"'), check_devcontainer, "cannot be read"),
    ("unknown service", edit(DEVCONTAINER, '"service": "workspace"', '"service": "app"'), check_devcontainer, "'app' is not a service"),
    ("script not executable", make_not_executable, check_devcontainer, "is not executable"),
    ("script missing", edit(DEVCONTAINER, "post-create.sh", "setup.sh"), check_devcontainer, "does not exist"),
    ("bad extension id", edit(DEVCONTAINER, '"mtxr.sqltools",', '"sqltools",'), check_devcontainer, "not a publisher.name"),
    ("extension lists differ", edit(Path(".vscode/extensions.json"), '"ms-python.debugpy",', ""), check_devcontainer, "differ"),
    ("database host", edit(DEVCONTAINER, "@db:5432", "@localhost:5432"), check_devcontainer, "not a compose service"),
    ("SQLAlchemy URL", edit(DEVCONTAINER, '"postgresql://', '"postgresql+psycopg://'), check_devcontainer, "libpq form"),
    ("unlabelled port", edit(DEVCONTAINER, '"label": "Flask app", ', ""), check_devcontainer, "5000 has no label"),
    ("no set -e", edit(POST_CREATE, "set -euo pipefail", "set -u"), check_devcontainer, "set -euo pipefail"),
    ("bash syntax", edit(POST_CREATE, "make install\n", "make install (\n"), check_devcontainer, "bash -n"),
    ("undefined volume", edit(COMPOSE, "- postgres-data:/var", "- pgdata:/var"), check_compose, "docker-compose config"),
    ("compose-spec", edit(COMPOSE, "    command: sleep infinity", "    command: {sleep: infinity}"), check_compose, "compose-spec"),
    ("no healthcheck", edit(COMPOSE, '      test: ["CMD-SHELL", "pg_isready', '      disable: true\n      x: ["'), check_compose, "compose-spec"),
    ("latest base", edit(DOCKERFILE, "python:3-3.11-bookworm", "python:latest"), check_dockerfile, "DL3007"),
    ("hadolint rule", edit(DOCKERFILE, "# hadolint ignore=DL3008\n", ""), check_dockerfile, "DL3008"),
    ("unpinned base", edit(DOCKERFILE, "python:3-3.11-bookworm", "python:3.11-bookworm"), check_dockerfile, "pinned"),
    ("workflow schema", edit(WORKFLOW, "    runs-on:", "    run-on:"), check_workflow, "github-workflows"),
    ("workflow expression", edit(WORKFLOW, "${{ github.ref }}", "${{ github.reff }}"), check_workflow, "actionlint"),
    ("workflow skips CI", edit(WORKFLOW, "run: bash .ci/run", "run: make test"), check_workflow, "bash .ci/run"),
]  # fmt: skip


@pytest.mark.parametrize(("how", "check", "complaint"), [b[1:] for b in BREAKAGES], ids=[b[0] for b in BREAKAGES])
def test_each_check_fails_on_a_broken_copy(
    pristine: Path, tmp_path: Path, how: Callable[[Path], None], check: Check, complaint: str
) -> None:
    problems = complaints_about(pristine, tmp_path / "workspace", how, check)
    assert any(complaint in problem for problem in problems), f"expected a complaint with {complaint!r}, got {problems}"


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_post_create_installs_a_working_kata_tool(root: Path, tmp_path: Path) -> None:
    """What the container runs after it is created, run here in a copy of the repository with no environment yet."""
    copy = copy_workspace(root, tmp_path / "workspace")
    assert not (copy / ".venv").exists()
    for git in (["init", "-q"], ["add", "-A"], ["-c", "user.name=k", "-c", "user.email=k@k", "commit", "-qm", "clone"]):
        subprocess.run(["git", *git], cwd=copy, check=True, capture_output=True)  # a fresh clone, as in a Codespace
    env = {key: value for key, value in os.environ.items() if key not in {"VIRTUAL_ENV", "KATA_ROOT"}}
    env["GIT_CONFIG_GLOBAL"] = str(tmp_path / "gitconfig")  # the container user's ~/.gitconfig, not ours
    ours = str(Path(root / ".venv/bin"))
    env["PATH"] = os.pathsep.join(part for part in env.get("PATH", "").split(os.pathsep) if part != ours)
    result = subprocess.run(
        ["bash", str(POST_CREATE)], cwd=copy, env=env, capture_output=True, text=True, timeout=870, check=False
    )
    output = (result.stdout + result.stderr)[-3000:]
    assert result.returncode == 0, f"post-create failed:\n{output}"

    kata = copy / ".venv/bin/kata"
    listing = subprocess.run([kata, "list"], cwd=copy, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert listing.returncode == 0, f"`kata list` fails after post-create:\n{listing.stdout}{listing.stderr}"
    assert "types_and_operators" in listing.stdout, "`kata list` should show the first kata"
    where = subprocess.run(
        [copy / ".venv/bin/python", "-c", "import kata; print(kata.__file__)"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert Path(where.stdout.strip()).is_relative_to(copy), "the copy's environment should run the copy's kata tool"
    trusted = subprocess.run(
        ["git", "config", "--global", "--get-all", "safe.directory"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert str(copy) in trusted.stdout.splitlines(), "post-create should add the workspace to git's safe.directory"
