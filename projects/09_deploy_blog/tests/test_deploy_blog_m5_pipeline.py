"""Milestone 5: the GitHub Actions pipeline (workflows/deploy.yml), checked with check-jsonschema's workflow
schema, with actionlint, and by reading it.

Mistakes these tests catch: a file GitHub would reject, expressions actionlint flags, no pull_request trigger,
tests run against SQLite only (no PostgreSQL service, or one without a health check so the tests start before
it accepts connections, or no DATABASE_URL pointing at it), no lint step, an image that is never built before
deploying, a deploy that runs on every branch and pull request or before the tests pass, an API key written
into the file instead of read from secrets, and a token with more permissions than it needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from deploy_support import load_yaml

from kata.grading.configure import run_tool


@pytest.fixture
def workflow_file(kata_file: Callable[[str], Path]) -> Path:
    """Your workflows/deploy.yml (the reference one under --solutions)."""
    return kata_file("workflows/deploy.yml")


@pytest.fixture
def workflow(workflow_file: Path) -> dict[str, Any]:
    """The workflow as data (YAML 1.2, so the key `on` stays the string 'on')."""
    loaded = load_yaml(workflow_file)
    assert isinstance(loaded, dict), "the workflow is a mapping with on: and jobs:"
    return loaded


def jobs(workflow: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = workflow.get("jobs") or {}
    assert found, "define jobs"
    return found


def runs(job: dict[str, Any]) -> str:
    """Every `run:` script and `uses:` action of a job, one per line."""
    return "\n".join(str(step.get("run", step.get("uses", ""))) for step in job.get("steps", []))


def job_running(workflow: dict[str, Any], pattern: str) -> tuple[str, dict[str, Any]]:
    for name, job in jobs(workflow).items():
        if re.search(pattern, runs(job)):
            return name, job
    raise AssertionError(f"no job has a step matching {pattern!r}")


def needs(job: dict[str, Any]) -> list[str]:
    wanted = job.get("needs", [])
    return [wanted] if isinstance(wanted, str) else list(wanted)


def depends_on(workflow: dict[str, Any], name: str, other: str) -> bool:
    """Whether job `name` runs only after job `other` (directly or through other jobs' needs)."""
    seen, todo = set(), needs(jobs(workflow)[name])
    while todo:
        current = todo.pop()
        if current == other:
            return True
        if current not in seen:
            seen.add(current)
            todo += needs(jobs(workflow).get(current, {}))
    return False


@pytest.mark.task(taskno=1)
def test_workflow_matches_the_github_schema(workflow_file: Path) -> None:
    assert workflow_file.is_file(), "write workflows/deploy.yml"
    done = run_tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow_file))
    assert done.returncode == 0, f"not a valid workflow:\n{done.stdout}{done.stderr}"


@pytest.mark.task(taskno=1)
def test_actionlint_finds_nothing(workflow_file: Path) -> None:
    assert workflow_file.is_file(), "write workflows/deploy.yml"
    done = run_tool("actionlint", "-no-color", str(workflow_file))
    assert done.returncode == 0, f"actionlint says:\n{done.stdout}{done.stderr}"


@pytest.mark.task(taskno=1)
def test_runs_on_pushes_to_main_and_on_pull_requests(workflow: dict[str, Any]) -> None:
    triggers = workflow.get("on") or {}
    names = {triggers} if isinstance(triggers, str) else set(triggers)
    assert {"push", "pull_request"} <= names, f"run on push and on pull_request (got {sorted(names)})"
    assert workflow.get("permissions") == {"contents": "read"}, "give the token only `permissions: contents: read`"


@pytest.mark.task(taskno=2)
def test_lints_with_ruff(workflow: dict[str, Any]) -> None:
    job_running(workflow, r"ruff check")
    job_running(workflow, r"ruff format --check")


@pytest.mark.task(taskno=2)
def test_tests_run_against_a_postgres_service(workflow: dict[str, Any]) -> None:
    name, job = job_running(workflow, r"(^|\s)(python -m )?pytest")
    services = job.get("services") or {}
    postgres = next((s for s in services.values() if str(s.get("image", "")).startswith("postgres:")), None)
    assert postgres, f"job {name}: add a postgres service (image: postgres:16-alpine) under services:"
    assert "pg_isready" in str(postgres.get("options", "")), (
        "give the service `options: --health-cmd pg_isready ...`: the job then waits until it accepts connections"
    )
    assert any(str(p).split(":")[0] == "5432" for p in postgres.get("ports", [])), "publish 5432:5432"
    env = {**(workflow.get("env") or {}), **(job.get("env") or {})}
    for step in job.get("steps", []):
        if re.search(r"pytest", str(step.get("run", ""))):
            env.update(step.get("env") or {})
    url = urlsplit(str(env.get("DATABASE_URL", "")))
    assert url.scheme == "postgresql", "set DATABASE_URL=postgresql://... for the tests"
    assert url.hostname in ("localhost", "127.0.0.1"), "a job on the runner reaches its service on localhost"
    assert url.port == 5432, "use the published port 5432"


@pytest.mark.task(taskno=3)
def test_builds_the_image_after_the_tests(workflow: dict[str, Any]) -> None:
    name, _ = job_running(workflow, r"docker build|docker/build-push-action")
    tests, _ = job_running(workflow, r"(^|\s)(python -m )?pytest")
    assert name != tests, "build the image in a job of its own"
    assert depends_on(workflow, name, tests), f"job {name} needs: {tests} (never build what failed its tests)"


@pytest.mark.task(taskno=4)
def test_deploys_only_from_main_after_the_build(workflow: dict[str, Any]) -> None:
    name, job = job_running(workflow, r"git\.heroku\.com|heroku container:|akhileshns/heroku-deploy")
    build, _ = job_running(workflow, r"docker build|docker/build-push-action")
    assert depends_on(workflow, name, build), f"job {name} needs: {build} (deploy only an image that built)"
    condition = str(job.get("if", "")).replace(" ", "")
    assert "github.ref=='refs/heads/main'" in condition, (
        f"job {name}: `if: github.ref == 'refs/heads/main'`, or every branch and pull request deploys"
    )
    assert "github.event_name=='push'" in condition, "and `github.event_name == 'push'` (not a pull request)"


@pytest.mark.task(taskno=4)
def test_the_api_key_comes_from_secrets(workflow: dict[str, Any], workflow_file: Path) -> None:
    name, job = job_running(workflow, r"git\.heroku\.com|heroku container:|akhileshns/heroku-deploy")
    text = workflow_file.read_text(encoding="utf-8")
    assert re.search(r"\$\{\{\s*secrets\.HEROKU_API_KEY\s*\}\}", text), (
        "read the key as ${{ secrets.HEROKU_API_KEY }} (Settings > Secrets and variables > Actions)"
    )
    assert not re.search(
        r"HRKU-[A-Za-z0-9_-]{20,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text
    ), "an API key is written in the workflow: revoke it now, and read it from secrets"
    assert job.get("concurrency"), f"job {name}: add concurrency: so two deploys never run at once"
