"""The self-check, exercise by exercise: every kata and project is solvable, starts unsolved, and is complete.

Each exercise runs in its own interpreter, twice: against the reference solution
(every test must pass) and against the starter (its tests must fail, on an
assertion or NotImplementedError, never on an import or collection error).
"""

from __future__ import annotations

import os
import re

import pytest

from kata import manifest
from kata.workspace import KINDS, Exercise, discover
from tests.conftest import workspace_root
from tests.exercise_runs import run_exercise

pytestmark = pytest.mark.timeout(600)  # each test runs a whole exercise in a subprocess
EXERCISES = discover(workspace_root())
IDS = [str(exercise.relpath) for exercise in EXERCISES]
STARTER_FAILURES = {"AssertionError", "NotImplementedError"}
MIN_TESTS = 5
# Tests that may skip even in CI: they need what no CI machine here has.
ALLOWED_SKIPS = ("no Docker engine",)  # the opt-in image builds (KATA_DOCKER=1)


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_solution_passes_every_test(exercise: Exercise) -> None:
    run = run_exercise(exercise, solutions=True)
    assert run.returncode == 0, f"the reference solution of {exercise.relpath} must pass:\n{run.summary()}"
    passed = [t for t in run.tests if t["status"] == "pass"]
    assert len(passed) >= MIN_TESTS, f"{exercise.relpath} needs at least {MIN_TESTS} tests, ran {len(passed)}"
    skipped = [
        f"{t['name']}: {t['message']}"
        for t in run.tests
        if t["status"] == "skip" and not any(reason in (t["message"] or "") for reason in ALLOWED_SKIPS)
    ]
    if os.environ.get("CI"):  # locally a missing service may skip its tests; CI must run every one
        assert not skipped, f"tests skipped in CI against the solution of {exercise.relpath}:\n" + "\n".join(skipped)


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_starter_fails_the_right_way(exercise: Exercise) -> None:
    if not os.environ.get("CI") and not manifest.starter_as_shipped(exercise.root, exercise):
        pytest.skip("your files differ from the starter as shipped (kata-manifest.json): this check is for starters")
    run = run_exercise(exercise, solutions=False)
    assert not run.results.get("message"), f"{exercise.relpath} has a collection error:\n{run.summary()}"
    assert run.tests, f"{exercise.relpath} ran no tests against its starter:\n{run.summary()}"
    failed = [t for t in run.tests if t["status"] in ("fail", "error")]
    if exercise.kind in ("implement", "project"):
        passing = [t["name"] for t in run.tests if t["status"] == "pass"]
        assert not passing, f"these tests pass before the learner wrote anything: {passing}"
        wrong = [f"{t['name']}: {t['exception']}" for t in failed if t["exception"] not in STARTER_FAILURES]
        assert not wrong, "starter tests must fail on an assertion or NotImplementedError, not on:\n" + "\n".join(wrong)
    else:
        assert failed, f"the {exercise.kind} kata {exercise.relpath} must start with a failing test"
        broken = [f"{t['name']}: {t['exception']}" for t in failed if t["exception"] in ("ImportError", "SyntaxError")]
        assert not broken, "the starter must not fail on an import or syntax error:\n" + "\n".join(broken)


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_readme_has_goal_task_example_and_hints(exercise: Exercise) -> None:
    readme = exercise.readme
    assert readme.startswith("# "), f"{exercise.relpath}/README.md must start with a '# Title' line"
    assert exercise.kind in KINDS, f"unknown **Kind:** {exercise.kind!r} in {exercise.relpath}/README.md"
    if not exercise.is_project:
        assert re.search(r"^\*\*Goal:\*\* \S", readme, re.MULTILINE), "the README needs a '**Goal:**' line"
        assert re.search(r"^\*\*Kind:\*\* \S", readme, re.MULTILINE), "the README needs a '**Kind:**' line"
        assert re.search(r"^\*\*Practises:\*\* .*\]\(https?://", readme, re.MULTILINE), (
            "the README needs a '**Practises:**' line linking to the official docs"
        )
    assert re.search(r"^## 1\. ", readme, re.MULTILINE) or "## Milestone" in readme, "the README needs numbered tasks"
    assert "```" in readme, "the README needs at least one worked example in a fenced code block"
    if not exercise.meta.get("quiz"):  # a topic's closing quiz has no hints
        assert len(exercise.hints) >= 2, f"{exercise.relpath} needs 2 or more hints, has {len(exercise.hints)}"
        assert all(exercise.hints), "every hint needs some text"


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_has_starter_tests_and_solution(exercise: Exercise) -> None:
    assert exercise.test_files(), f"{exercise.relpath} has no test_*.py file"
    if not exercise.is_project:
        assert (exercise.path / f"test_{exercise.slug}.py").is_file(), (
            f"missing {exercise.relpath}/test_{exercise.slug}.py"
        )
        if exercise.kind != "configure":
            assert (exercise.path / f"{exercise.slug}.py").is_file(), f"missing the starter {exercise.slug}.py"
    answers = [p for p in exercise.solution_path.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert answers, f"no reference solution under solutions/{exercise.relpath}"
