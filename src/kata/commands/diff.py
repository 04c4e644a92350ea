"""`kata diff [KATA] [--code] [--yes]`: your files beside the reference solution.

A coloured unified diff in the terminal, or VS Code's diff view with `--code`.
Before revealing the solution of a kata not yet solved it asks first.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path

from rich.console import Console
from rich.text import Text

from kata import messages
from kata.commands.reset import confirm
from kata.state import AppState, KataError
from kata.workspace import Exercise

STYLES = {"+": "green", "-": "red", "@": "cyan"}


def pairs(exercise: Exercise) -> list[tuple[Path, Path]]:
    """(learner file, solution file) for every file the learner edits."""
    mirror = exercise.solution_path
    if not mirror.is_dir():
        raise KataError(messages.DIFF_NO_SOLUTION.format(slug=exercise.slug))
    return [(path, mirror / path.relative_to(exercise.path)) for path in exercise.learner_files()]


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines(keepends=True)
    except (OSError, UnicodeDecodeError):
        return []


def unified(root: Path, mine: Path, answer: Path) -> list[str]:
    return list(
        difflib.unified_diff(
            _lines(mine),
            _lines(answer),
            fromfile=f"yours: {mine.relative_to(root)}",
            tofile=f"solution: {answer.relative_to(root)}",
        )
    )


def print_diff(console: Console, root: Path, exercise: Exercise) -> None:
    for mine, answer in pairs(exercise):
        lines = unified(root, mine, answer)
        if not lines:
            console.print(Text(messages.DIFF_SAME.format(path=mine.relative_to(root)), style="green"))
            continue
        for line in lines:
            style = "bold" if line.startswith(("---", "+++")) else STYLES.get(line[:1], "")
            console.print(Text(line.rstrip("\n"), style=style), soft_wrap=True, highlight=False)


def open_code_diff(state: AppState, exercise: Exercise) -> int:
    code = shutil.which("code")
    if code is None:
        raise KataError(messages.CODE_NOT_FOUND.format(path=exercise.relpath, slug=exercise.slug))
    for mine, answer in pairs(exercise):
        subprocess.run([code, "--diff", str(mine), str(answer)], check=False, timeout=30)
    return 0


def allowed(state: AppState, exercise: Exercise, yes: bool) -> bool:
    """May the solution be shown? Yes when solved, told --yes, or the learner says so."""
    if yes or exercise.slug in state.progress.solved():
        return True
    return confirm(messages.DIFF_CONFIRM.format(slug=exercise.slug))


def main(state: AppState, name: str | None, *, code: bool = False, yes: bool = False) -> int:
    exercise = state.pick(name)
    pairs(exercise)  # fail early when there is no solution
    if not allowed(state, exercise, yes):
        state.console.print(messages.DIFF_KEPT_HIDDEN.format(slug=exercise.slug))
        return 1
    if code:
        return open_code_diff(state, exercise)
    print_diff(state.console, state.root, exercise)
    return 0
