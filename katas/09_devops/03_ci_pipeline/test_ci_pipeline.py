"""Checks for ci.yml, the GitHub Actions workflow, with check-jsonschema's workflow schema, actionlint, and by
reading it.

Mistakes these tests catch: YAML that is not a valid workflow, expressions actionlint rejects, running on pushes
only (pull requests from forks go unchecked), a single Python instead of a matrix, versions written as numbers
(YAML reads 3.10 as 3.1), setup-python not using the matrix value, old action versions, no lint step, tests run
before the tools are installed, a lint step that cannot fail (`|| true`,
continue-on-error), a token with write access it does not need, and a job with no timeout.
"""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from kata.grading.configure import run_tool


@pytest.fixture
def workflow_file(kata_file: Callable[[str], Path]) -> Path:
    """Your ci.yml (the reference one under --solutions)."""
    return kata_file("ci.yml")


@pytest.fixture
def workflow(workflow_file: Path) -> dict[str, Any]:
    """The workflow as data (YAML 1.2, so the key `on` stays the string 'on')."""
    loaded: dict[str, Any] = YAML(typ="safe").load(workflow_file.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture
def job(workflow: dict[str, Any]) -> dict[str, Any]:
    """The workflow's only job (or the one named `test`)."""
    jobs: dict[str, dict[str, Any]] = workflow.get("jobs", {})
    assert jobs, "define a job under jobs:"
    return jobs.get("test", next(iter(jobs.values())))


def steps_running(job: dict[str, Any], pattern: str) -> list[int]:
    return [i for i, step in enumerate(job.get("steps", [])) if re.search(pattern, str(step.get("run", "")))]


def action_version(job: dict[str, Any], action: str) -> int:
    for step in job.get("steps", []):
        uses = str(step.get("uses", ""))
        if uses.startswith(f"{action}@v"):
            return int(uses.split("@v")[1].split(".", maxsplit=1)[0])
    return 0


@pytest.mark.task(taskno=1)
def test_workflow_matches_the_github_schema(workflow_file: Path) -> None:
    done = run_tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow_file))
    assert done.returncode == 0, f"not a valid workflow:\n{done.stdout}{done.stderr}"


@pytest.mark.task(taskno=1)
def test_actionlint_finds_nothing(workflow_file: Path) -> None:
    done = run_tool("actionlint", "-no-color", str(workflow_file))
    assert done.returncode == 0, f"actionlint says:\n{done.stdout}{done.stderr}"


@pytest.mark.task(taskno=2)
def test_runs_on_push_and_on_pull_requests(workflow: dict[str, Any]) -> None:
    triggers = workflow.get("on", {})
    names = {triggers} if isinstance(triggers, str) else set(triggers)
    assert {"push", "pull_request"} <= names, f"run on push and on pull_request (got {sorted(names)})"


@pytest.mark.task(taskno=3)
def test_tests_run_on_a_matrix_of_pythons(job: dict[str, Any]) -> None:
    versions = job.get("strategy", {}).get("matrix", {}).get("python-version", [])
    assert len(versions) >= 2, "test on at least two Python versions with strategy.matrix.python-version"
    assert all(isinstance(v, str) for v in versions), (
        f"quote the versions: YAML reads 3.10 as the number 3.1 (got {versions})"
    )
    setups = [s for s in job.get("steps", []) if str(s.get("uses", "")).startswith("actions/setup-python")]
    assert setups, "install Python with actions/setup-python"
    wanted = str(setups[0].get("with", {}).get("python-version", "")).replace(" ", "")
    assert wanted == "${{matrix.python-version}}", "give setup-python `python-version: ${{ matrix.python-version }}`"


@pytest.mark.task(taskno=3)
def test_uses_current_major_versions_of_the_actions(job: dict[str, Any]) -> None:
    assert action_version(job, "actions/checkout") >= 4, "use actions/checkout@v4 (older ones run on retired Node)"
    assert action_version(job, "actions/setup-python") >= 5, "use actions/setup-python@v5"


@pytest.mark.task(taskno=4)
def test_installs_then_lints_then_tests(job: dict[str, Any]) -> None:
    installs = steps_running(job, r"pip install")
    lints = steps_running(job, r"ruff check")
    tests = steps_running(job, r"(^|\s)pytest")
    assert installs, "add a step that pip installs the tools"
    assert lints, "add a lint step running `ruff check .`"
    assert tests, "add a test step running pytest"
    assert installs[0] < lints[0] < tests[-1], "order the steps: install, then lint (fail fast), then test"
    assert steps_running(job, r"ruff format --check"), "also check formatting: `ruff format --check .`"


@pytest.mark.task(taskno=4)
def test_a_lint_failure_fails_the_job(job: dict[str, Any]) -> None:
    for index in steps_running(job, r"ruff (check|format)"):
        step = job["steps"][index]
        command = str(step.get("run", ""))
        assert not re.search(r"\|\|\s*(true|:|exit 0)|--exit-zero", command), (
            f"`{command.strip()}` always succeeds: a lint failure must fail the job"
        )
        assert not step.get("continue-on-error"), "continue-on-error lets the job pass although lint failed"


@pytest.mark.task(taskno=5)
def test_token_is_read_only_and_the_job_has_a_timeout(workflow: dict[str, Any], job: dict[str, Any]) -> None:
    permissions = workflow.get("permissions", job.get("permissions"))
    assert permissions == {"contents": "read"}, "grant the job's token only `permissions: contents: read`"
    assert job.get("timeout-minutes"), "set timeout-minutes: a hung test otherwise burns 6 hours of runner time"
