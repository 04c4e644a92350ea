"""`kata check [KATA] [--json]`: run one kata (or project milestone) and say how it went."""

from __future__ import annotations

import json
from pathlib import Path

from rich.text import Text

from kata import messages, render
from kata.outcome import Outcome
from kata.preload import warm_workspace
from kata.runner import Runner
from kata.state import AppState, fingerprint
from kata.vcs import edited_tests
from kata.workspace import Exercise


def milestone_targets(state: AppState, exercise: Exercise, changed: Path | None = None) -> list[Path] | None:
    """For a project, the milestone to run: the saved test file, else the first milestone not yet passing.

    None means "the whole exercise" (always the case for a kata, and for a project with every milestone green).
    """
    if not exercise.is_project:
        return None
    tests = exercise.test_files()
    if changed is not None and changed in tests:
        return [changed]
    passing = state.progress.milestones(exercise.slug)
    for path in tests:
        if passing.get(path.relative_to(state.root).as_posix()) != "pass":
            return [path]
    return None


def remember_milestones(state: AppState, exercise: Exercise) -> None:
    """After a run of a project, note which of its test files (its milestones) pass."""
    if not exercise.is_project:
        return
    try:
        last = json.loads(state.results_path(exercise).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    statuses: dict[str, str] = {}
    for test in last.get("tests", []):
        name = str(test.get("name", "")).split("::")[0]
        passed = statuses.get(name, "pass") == "pass" and test.get("status") in ("pass", "skip")
        statuses[name] = "pass" if passed else "fail"
    state.progress.record_milestones(exercise.slug, statuses)


def missing_files(exercise: Exercise) -> list[Path]:
    """Learner files that should be there (they have a solution mirror) but are not."""
    return [path for path in exercise.learner_files() if not path.exists()]


def run_check(state: AppState, runner: Runner, exercise: Exercise, targets: list[Path] | None = None) -> Outcome:
    """Run the tests and remember the result (only full runs count towards progress)."""
    missing = missing_files(exercise)
    if missing:
        problem = messages.MISSING_FILE.format(slug=exercise.slug, path=missing[0].relative_to(state.root))
        results = state.results_path(exercise)
        results.parent.mkdir(parents=True, exist_ok=True)
        document = {"version": 3, "status": "error", "message": problem, "tests": []}
        results.write_text(json.dumps(document, indent=2), encoding="utf-8")
        return Outcome(exercise.slug, "error", problem=problem)
    digest = fingerprint(exercise)
    outcome = runner.run(exercise, targets)
    remember_milestones(state, exercise)
    if targets is None:
        state.progress.record(exercise.slug, digest, outcome.status, outcome.passed, outcome.total)
    return outcome


def warn_edited_tests(state: AppState, exercise: Exercise) -> None:
    for path in edited_tests(state, exercise.test_files()):
        note = messages.TEST_FILE_EDITED.format(path=path.relative_to(state.root), slug=exercise.slug)
        state.console.print(Text(note, style="magenta"))


def main(state: AppState, name: str | None, as_json: bool) -> int:
    exercise = state.pick(name)
    runner = Runner(state.root)
    with state.console.status("Loading pytest and the frameworks the katas use..."):
        warm_workspace(state.root)  # what the parent has imported, the child finds loaded
    if not as_json:
        render.begin(state.console, exercise.slug)
    outcome = run_check(state, runner, exercise)
    if as_json:
        path = state.results_path(exercise)
        text = path.read_text(encoding="utf-8") if path.exists() else json.dumps({"version": 3, "status": "error"})
        print(text)
        return 0 if outcome.ok else 1
    following = state.next_unsolved(after=exercise)
    render.show(state.console, outcome, following.slug if following else None, limit=50)
    if outcome.ok:
        state.console.print(
            Text(messages.PASSED.format(slug=exercise.slug, passed=outcome.passed, total=outcome.total))
        )
    warn_edited_tests(state, exercise)
    render.end(state.console, outcome)
    return 0 if outcome.ok else 1
