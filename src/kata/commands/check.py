"""`kata check [KATA] [--json]`: run one kata (or project milestone) and say how it went."""

from __future__ import annotations

import json
from pathlib import Path

from rich.text import Text

from kata import manifest, messages, render
from kata.engine.outcome import Milestones, Outcome
from kata.engine.preload import warm_workspace
from kata.engine.runner import Runner
from kata.manifest import ORIGINALS
from kata.state import AppState, fingerprint
from kata.workspace import Exercise


def milestones(state: AppState, exercise: Exercise) -> Milestones | None:
    if not exercise.is_project:
        return None
    tests = exercise.test_files()
    passing = state.progress.milestones(exercise.slug)
    pending = [path for path in tests if passing.get(path.relative_to(state.root).as_posix()) != "pass"]
    first = pending[0].relative_to(state.root).as_posix() if pending else None
    return Milestones(len(tests) - len(pending), len(tests), first)


def milestone_targets(state: AppState, exercise: Exercise, changed: Path | None = None) -> list[Path] | None:
    """For a project, the milestone to run: the saved test file, else the first milestone not yet passing.

    None means "the whole exercise" (always the case for a kata, and for a project with every milestone green).
    """
    if not exercise.is_project:
        return None
    if changed is not None and changed in exercise.test_files():
        return [changed]
    status = milestones(state, exercise)
    return [state.root / status.next] if status is not None and status.next is not None else None


def remember_milestones(state: AppState, exercise: Exercise) -> None:
    """After a run of a project, note which of its test files (its milestones) pass."""
    if not exercise.is_project:
        return
    try:
        last = json.loads(state.results_path(exercise).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    statuses: dict[str, str] = {}
    shadow = ORIGINALS.as_posix() + "/"
    for test in last.get("tests", []):
        name = str(test.get("name", "")).split("::")[0].removeprefix(shadow)
        passed = statuses.get(name, "pass") == "pass" and test.get("status") in ("pass", "skip")
        statuses[name] = "pass" if passed else "fail"
    state.progress.record_milestones(exercise.slug, statuses)


def missing_files(exercise: Exercise) -> list[Path]:
    """Files that should be there but are not: the learner's (they have a solution mirror), and the modules and
    data files the kata gives (shipped, not tests: a deleted test file is run from its original instead)."""
    shipped = [exercise.root / relpath for relpath in manifest.shipped(exercise.root, exercise)]
    given = [path for path in shipped if exercise.path in path.parents and not _is_test(path, exercise)]
    return [path for path in [*exercise.learner_files(), *given] if not path.exists()]


def _is_test(path: Path, exercise: Exercise) -> bool:
    return path.name.startswith("test_") or path.name == "conftest.py" or (exercise.path / "tests") in path.parents


def prepare(state: AppState, exercise: Exercise, targets: list[Path] | None) -> tuple[list[Path] | None, str | None]:
    """What to run: `targets` (None: the whole exercise), moved to the original tests when the learner changed
    a test file; or, instead, the problem that prevents a run."""
    missing = missing_files(exercise)
    if missing:
        return None, messages.MISSING_FILE.format(slug=exercise.slug, path=missing[0].relative_to(state.root))
    if not manifest.edited(state.root, exercise):
        return targets, None
    try:
        shadow = manifest.originals(state.root, exercise)
    except manifest.OriginalMissingError as error:
        return None, messages.ORIGINAL_MISSING.format(slug=exercise.slug, error=error)
    return [shadow / path.relative_to(exercise.path) for path in targets or [exercise.path]], None


def write_error(state: AppState, exercise: Exercise, problem: str) -> Outcome:
    """Record a check that could not run (the results file says why) and return its outcome."""
    results = state.results_path(exercise)
    results.parent.mkdir(parents=True, exist_ok=True)
    document = {"version": 3, "status": "error", "message": problem, "tests": []}
    results.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return Outcome(exercise.slug, "error", problem=problem)


def run_check(state: AppState, runner: Runner, exercise: Exercise, targets: list[Path] | None = None) -> Outcome:
    """Run the tests (the original ones, whatever the learner did to them) and remember the result (only full
    runs count towards progress)."""
    to_run, problem = prepare(state, exercise, targets)
    if problem is not None:
        return write_error(state, exercise, problem)
    digest = fingerprint(exercise)
    outcome = runner.run(exercise, to_run)
    remember_milestones(state, exercise)
    if targets is None:
        state.progress.record(exercise.slug, digest, outcome.status, outcome.passed, outcome.total)
    return outcome


def run_warm(state: AppState, exercise: Exercise) -> Outcome:
    """A whole check, from a parent warmed up first."""
    warm_workspace(state.root)
    return run_check(state, Runner(state.root), exercise)


def warn_edited_tests(state: AppState, exercise: Exercise) -> None:
    """Say which shipped files the learner changed: a test (the check ran the original) or a given file (the check
    used the learner's version). A deleted given file has its own message (`missing_files`)."""
    for path in manifest.edited(state.root, exercise):
        shown = path.relative_to(state.root)
        if _is_test(path, exercise):
            note = messages.TEST_FILE_EDITED.format(path=shown, slug=exercise.slug)
        elif path.exists():
            note = messages.GIVEN_FILE_EDITED.format(path=shown, slug=exercise.slug)
        else:
            continue
        state.console.print(Text(note, style="magenta"))


def edited_error(state: AppState, exercise: Exercise) -> str | None:
    """For grading: the problem with a changed test file, if any (a grade must come from the tests as shipped)."""
    edited = manifest.edited(state.root, exercise)
    if not edited:
        return None
    names = ", ".join(str(path.relative_to(state.root)) for path in edited)
    return messages.GRADE_EDITED.format(paths=names, slug=exercise.slug)


def main(state: AppState, name: str | None, as_json: bool, *, verbose: bool = False) -> int:
    exercise = state.pick(name)
    if as_json and (problem := edited_error(state, exercise)) is not None:
        write_error(state, exercise, problem)
        print(state.results_path(exercise).read_text(encoding="utf-8"))
        return 1
    runner = Runner(state.root, extra_args=("-vv",) if verbose else ())
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
    render.show(
        state.console,
        outcome,
        following.slug if following else None,
        limit=50,
        verbose=verbose,
        milestones=milestones(state, exercise),
    )
    if outcome.ok:
        state.console.print(
            Text(messages.PASSED.format(slug=exercise.slug, passed=outcome.passed, total=outcome.total))
        )
    warn_edited_tests(state, exercise)
    render.end(state.console, outcome)
    return 0 if outcome.ok else 1
