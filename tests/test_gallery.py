"""Wrong-answer galleries: each exercise's tests catch the mistakes learners make, and accept correct alternatives.

Beside each solution, `kata.toml` lists plausible wrong answers (`[[wrong]]`) and correct alternatives
(`[[correct]]`), each a small change to the reference: `find` (text that occurs exactly once in the
solution file) replaced by `replace`. `file` names the file (default: the kata's `<slug>.py`). A wrong
answer says in `mistake` what the learner did and in `shows` a piece of what the failure output must
contain, so the learner is pointed at the mistake (or a list of pieces, any one of which will do: a hang
shows as a timeout or as a RecursionError, depending on the machine's speed); an alternative says in `note`
why it is right too. A project's entry may name in `tests` the milestone test files that must catch it (the
others are not run, to keep the self-check fast).
Each is run in a copy of the exercise, with the very tests the learner runs, against the changed solution.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from kata.workspace import Exercise, discover
from tests.conftest import workspace_root
from tests.exercise_runs import run_exercise

pytestmark = pytest.mark.timeout(600)
EXERCISES = discover(workspace_root())
MIN_WRONG = 3


def _entries(kind: str) -> list[tuple[Exercise, dict[str, Any]]]:
    return [(exercise, entry) for exercise in EXERCISES for entry in exercise.meta.get(kind, [])]


def _ids(entries: list[tuple[Exercise, dict[str, Any]]]) -> list[str]:
    seen: dict[str, int] = {}
    ids = []
    for exercise, _ in entries:
        seen[exercise.slug] = seen.get(exercise.slug, 0) + 1
        ids.append(f"{exercise.slug}-{seen[exercise.slug]}")
    return ids


WRONG = _entries("wrong")
CORRECT = _entries("correct")


def changed_copy(exercise: Exercise, entry: dict[str, Any], tmp_path: Path) -> Exercise:
    """A copy of the exercise (with what its tests need) whose solution has the entry's change."""
    root, copy = exercise.root, tmp_path / "workspace"
    ignore = shutil.ignore_patterns("__pycache__", ".hypothesis", "*.db")
    (copy / "katas").mkdir(parents=True)  # a workspace is a folder with katas/ and pyproject.toml
    shutil.copy(root / "pyproject.toml", copy / "pyproject.toml")
    for folder in (exercise.relpath, Path("solutions") / exercise.relpath):
        shutil.copytree(root / folder, copy / folder, ignore=ignore)
    for parent in exercise.relpath.parents:  # a topic's conftest.py (shared fixtures)
        if (root / parent / "conftest.py").is_file() and parent != Path("."):
            shutil.copy(root / parent / "conftest.py", copy / parent / "conftest.py")
    target = copy / "solutions" / exercise.relpath / entry.get("file", f"{exercise.slug}.py")
    text = target.read_text(encoding="utf-8")
    count = text.count(entry["find"])
    assert count == 1, f"`find` must occur exactly once in {target.relative_to(copy)}, found {count}: {entry['find']!r}"
    target.write_text(text.replace(entry["find"], entry["replace"]), encoding="utf-8")
    return Exercise(root=copy, path=copy / exercise.relpath, topic=exercise.topic, slug=exercise.slug)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize(("exercise", "entry"), WRONG, ids=_ids(WRONG))
def test_tests_catch_the_wrong_answer(exercise: Exercise, entry: dict[str, Any], tmp_path: Path) -> None:
    run = run_exercise(changed_copy(exercise, entry, tmp_path), solutions=True, tests=entry.get("tests"))
    failed = [t for t in run.tests if t["status"] in ("fail", "error")]
    assert failed, f"the tests of {exercise.relpath} pass a wrong answer: {entry['mistake']}\n{run.summary()}"
    seen = _squeeze("\n".join(str(t.get("message") or "") for t in failed) + run.output)
    shows = [entry["shows"]] if isinstance(entry["shows"], str) else list(entry["shows"])
    assert any(_squeeze(text) in seen for text in shows), (
        f"{exercise.relpath}: the wrong answer ({entry['mistake']}) fails, but what the learner sees does not "
        f"contain {' or '.join(map(repr, shows))}:\n{run.summary()}"
    )


@pytest.mark.parametrize(("exercise", "entry"), CORRECT, ids=_ids(CORRECT))
def test_tests_accept_the_alternative(exercise: Exercise, entry: dict[str, Any], tmp_path: Path) -> None:
    run = run_exercise(changed_copy(exercise, entry, tmp_path), solutions=True, tests=entry.get("tests"))
    assert run.returncode == 0, (
        f"the tests of {exercise.relpath} reject a correct answer: {entry['note']}\n{run.summary()}"
    )


def test_every_entry_is_described() -> None:
    problems = [
        f"{exercise.relpath}: a [[wrong]] entry needs find, replace, mistake and shows: {sorted(entry)}"
        for exercise, entry in WRONG
        if not {"find", "replace", "mistake", "shows"} <= set(entry)
    ]
    problems += [
        f"{exercise.relpath}: a [[correct]] entry needs find, replace and note: {sorted(entry)}"
        for exercise, entry in CORRECT
        if not {"find", "replace", "note"} <= set(entry)
    ]
    assert not problems, "\n".join(problems)


def test_every_implement_and_fix_kata_and_every_project_has_a_gallery() -> None:
    """Three wrong answers or more, and one correct alternative or more, for every kata a learner implements or
    fixes and for every project's domain logic."""
    thin = [
        f"{exercise.relpath}: {len(exercise.meta.get('wrong', []))} wrong, {len(exercise.meta.get('correct', []))} correct"
        for exercise in EXERCISES
        if exercise.kind in ("implement", "fix", "project")
        and (len(exercise.meta.get("wrong", [])) < MIN_WRONG or not exercise.meta.get("correct"))
    ]
    assert not thin, (
        f"each needs {MIN_WRONG} or more [[wrong]] and 1 or more [[correct]] in its kata.toml:\n" + "\n".join(thin)
    )
