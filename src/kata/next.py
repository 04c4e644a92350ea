"""`kata next`: the next unsolved kata, made current (and opened in VS Code when run inside it)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from rich.text import Text

from kata import messages
from kata.state import AppState
from kata.workspace import Exercise


def main_file(exercise: Exercise) -> Path:
    """The file to open first: the starter the learner edits, else the README."""
    learner = [path for path in exercise.learner_files() if path.suffix == ".py" and path.exists()]
    learner.sort(key=lambda path: path.name == "__init__.py")  # a package's modules before its __init__
    return learner[0] if learner else exercise.path / "README.md"


def open_in_editor(paths: list[Path]) -> bool:
    """Open files with `code` when running in VS Code's terminal; True if that happened."""
    code = shutil.which("code")
    if os.environ.get("TERM_PROGRAM") != "vscode" or code is None:
        return False
    subprocess.run([code, *map(str, paths)], check=False, timeout=30)
    return True


def main(state: AppState) -> int:
    current = state.current()
    exercise = state.next_unsolved(after=None if current is None else _before(state, current))
    if exercise is None:
        state.console.print(Text(messages.ALL_SOLVED, style="bold green"))
        return 0
    state.progress.set_current(exercise.slug)
    path = main_file(exercise)
    state.console.print(Text(messages.NEXT_KATA.format(slug=exercise.slug, path=path.relative_to(state.root))))
    print(path.relative_to(state.root))
    open_in_editor([exercise.path / "README.md", path])
    return 0


def _before(state: AppState, exercise: Exercise) -> Exercise | None:
    """The exercise just before `exercise`, so the search starts at the current one itself."""
    index = state.exercises.index(exercise)
    return state.exercises[index - 1] if index > 0 else None
