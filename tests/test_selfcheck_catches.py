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
    ]
    return subprocess.run([*command, "-q", "-p", "no:xdist"], env=env, capture_output=True, text=True, check=False)


def delete_solution(workspace: Path) -> None:
    (workspace / "solutions" / MODEL / f"{SLUG}.py").unlink()


def starter_passes(workspace: Path) -> None:
    shutil.copy(workspace / "solutions" / MODEL / f"{SLUG}.py", workspace / MODEL / f"{SLUG}.py")


def duplicate_slug(workspace: Path) -> None:
    shutil.copytree(workspace / MODEL, workspace / MODEL.with_name(f"02_{SLUG}"))
    shutil.copytree(workspace / "solutions" / MODEL, workspace / "solutions" / MODEL.with_name(f"02_{SLUG}"))


def drop_a_hint(workspace: Path) -> None:
    readme = workspace / MODEL / "README.md"
    text = readme.read_text()
    readme.write_text(text[: text.index("<details><summary>Hint 2")])


def break_an_import(workspace: Path) -> None:
    starter = workspace / MODEL / f"{SLUG}.py"
    starter.write_text(starter.read_text().replace("def is_valid_port", "def is_valid_port_typo"))


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
        (drop_a_hint, "test_readme_has_goal_task_example_and_hints"),
        (break_an_import, "test_starter_fails_the_right_way"),
    ],
    ids=["deleted-solution", "starter-passes", "duplicate-slug", "one-hint", "import-error"],
)
def test_self_check_catches(workspace: Path, breakage: Callable[[Path], None], caught_by: str) -> None:
    breakage(workspace)
    result = self_check(workspace)
    assert result.returncode != 0, (
        f"the self-check passed a broken kata ({breakage.__name__}):\n{result.stdout[-3000:]}"
    )
    assert f"::{caught_by}" in result.stdout, f"expected {caught_by} to fail:\n{result.stdout[-3000:]}"
