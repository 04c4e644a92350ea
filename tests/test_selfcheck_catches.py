"""The self-check must not pass while a kata is broken: plant each breakage in a temp copy and watch it fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.workspace_copies import MODEL, SLUG, make_workspace

pytestmark = pytest.mark.timeout(600)  # each test runs the self-check on a copy
SELF_CHECK = Path(__file__).parent


def self_check(workspace: Path, *, cold: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KATA_ROOT": str(workspace), "KATA_COLD_RUNS": "1" if cold else "0"}
    command = [
        sys.executable,
        "-m",
        "pytest",
        str(SELF_CHECK / "test_exercises.py"),
        str(SELF_CHECK / "test_workspace.py"),
        str(SELF_CHECK / "test_anatomy.py"),
        str(SELF_CHECK / "test_gallery.py"),
    ]
    return subprocess.run([*command, "-q", "-p", "no:xdist"], env=env, capture_output=True, text=True, check=False)


def delete_solution(workspace: Path) -> None:
    (workspace / "solutions" / MODEL / f"{SLUG}.py").unlink()


def starter_passes(workspace: Path) -> None:
    """A maintainer ships the answer as the starter (and regenerates the manifest, as the self-check says to)."""
    shutil.copy(workspace / "solutions" / MODEL / f"{SLUG}.py", workspace / MODEL / f"{SLUG}.py")
    subprocess.run([sys.executable, "-m", "kata.docs"], cwd=workspace, check=True, capture_output=True)


def tests_edited(workspace: Path) -> None:
    """A test changed without the manifest (a learner making a kata pass, or a maintainer forgetting kata.docs)."""
    (workspace / MODEL / f"test_{SLUG}.py").write_text("def test_ok() -> None:\n    assert True\n")


def duplicate_slug(workspace: Path) -> None:
    shutil.copytree(workspace / MODEL, workspace / MODEL.with_name(f"02_{SLUG}"))
    shutil.copytree(workspace / "solutions" / MODEL, workspace / "solutions" / MODEL.with_name(f"02_{SLUG}"))


def given_file_copied(workspace: Path) -> None:
    """A given module shipped twice: the learner's copy and an identical one under solutions/."""
    given = workspace / MODEL / "port_rules.py"
    given.write_text('"""Given: the range of TCP ports."""\n\nHIGHEST_PORT = 65535\n')
    shutil.copy(given, workspace / "solutions" / MODEL / "port_rules.py")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} is not in {path}: update this planted breakage"
    path.write_text(text.replace(old, new, 1))


def drop_the_hints(workspace: Path) -> None:
    (workspace / "solutions" / MODEL / "kata.toml").write_text("[hints]\n")


def hints_not_per_task(workspace: Path) -> None:
    _edit(workspace / "solutions" / MODEL / "kata.toml", "\n1 = [", "\ngeneral = [")


def hint_holds_the_answer(workspace: Path) -> None:
    answer = "isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 65535"
    _edit(workspace / "solutions" / MODEL / "kata.toml", "\n3 = [", f"\n3 = [\n  'Try `{answer}`?',")


def requires_what_comes_later(workspace: Path) -> None:
    _edit(workspace / MODEL / "README.md", "**Requires:** nothing yet", "**Requires:** `recursion`")


def wrong_answer_passes(workspace: Path) -> None:
    entry = '[[wrong]]\nmistake = "m"\nshows = "s"\nfind = "1 <= value <= 65535"\nreplace = "0 < value < 65536"\n'
    with (workspace / "solutions" / MODEL / "kata.toml").open("a") as meta:
        meta.write("\n" + entry)


def alternative_fails(workspace: Path) -> None:
    entry = '[[correct]]\nnote = "n"\nfind = "1 <= value <= 65535"\nreplace = "0 <= value <= 65535"\n'
    with (workspace / "solutions" / MODEL / "kata.toml").open("a") as meta:
        meta.write("\n" + entry)


def lesson_after_the_tasks(workspace: Path) -> None:
    readme = workspace / MODEL / "README.md"
    text = readme.read_text()
    lesson = text[text.index("## Lesson") : text.index("## 1. ")]
    readme.write_text(text.replace(lesson, "") + "\n" + lesson)


def break_an_import(workspace: Path) -> None:
    starter = workspace / MODEL / f"{SLUG}.py"
    starter.write_text(starter.read_text().replace("def is_valid_port", "def is_valid_port_typo"))
    subprocess.run([sys.executable, "-m", "kata.docs"], cwd=workspace, check=True, capture_output=True)


@pytest.fixture
def workspace(root: Path, tmp_path: Path) -> Path:
    """A fresh copy of a healthy minimal workspace."""
    return make_workspace(root, tmp_path)


@pytest.mark.parametrize("cold", [False, True], ids=["warm-server", "cold-runs"])
def test_the_healthy_copy_passes(workspace: Path, cold: bool) -> None:
    result = self_check(workspace, cold=cold)
    assert result.returncode == 0, f"the unbroken copy must pass the self-check:\n{result.stdout[-3000:]}"


@pytest.mark.parametrize(
    ("breakage", "caught_by"),
    [
        (delete_solution, "test_solution_passes_every_test"),
        (starter_passes, "test_starter_fails_the_right_way"),
        (duplicate_slug, "test_slugs_are_unique"),
        (drop_the_hints, "test_readme_has_goal_task_example_and_hints"),
        (break_an_import, "test_starter_fails_the_right_way"),
        (hints_not_per_task, "test_every_task_has_its_own_hint_ladder"),
        (hint_holds_the_answer, "test_no_hint_holds_the_solution"),
        (requires_what_comes_later, "test_prerequisites_are_taught_first"),
        (lesson_after_the_tasks, "test_lesson_comes_before_the_tasks"),
        (wrong_answer_passes, "test_tests_catch_the_wrong_answer"),
        (alternative_fails, "test_tests_accept_the_alternative"),
        (tests_edited, "test_manifest_records_the_tests_as_shipped"),
        (given_file_copied, "test_solutions_hold_only_what_the_learner_writes"),
    ],
    ids=[
        "deleted-solution",
        "starter-passes",
        "duplicate-slug",
        "no-hints",
        "import-error",
        "hints-not-per-task",
        "hint-holds-the-answer",
        "requires-a-later-concept",
        "lesson-after-the-tasks",
        "wrong-answer-passes",
        "alternative-fails",
        "tests-edited",
        "given-file-copied",
    ],
)
def test_self_check_catches(workspace: Path, breakage: Callable[[Path], None], caught_by: str) -> None:
    breakage(workspace)
    result = self_check(workspace)
    assert result.returncode != 0, (
        f"the self-check passed a broken kata ({breakage.__name__}):\n{result.stdout[-3000:]}"
    )
    assert f"::{caught_by}" in result.stdout, f"expected {caught_by} to fail:\n{result.stdout[-3000:]}"
