"""`kata next`: the next unsolved kata after the current one, made current (and opened in VS Code when run there)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from rich.text import Text

from kata import messages
from kata.state import AppState
from kata.workspace import Exercise


def main_file(exercise: Exercise, failure: Path | None = None, milestone: Path | None = None) -> Path:
    """The file to edit: the learner file a failure points at; else the module a project milestone's tests name;
    else the kata's main file of any type (`<slug>.py`, a Dockerfile, ci.yml...); the README only when the kata
    has no learner file at all."""
    learner = exercise.learner_files()
    if failure is not None and failure in learner:
        return failure
    if milestone is not None:
        try:
            tests = milestone.read_text(encoding="utf-8")
        except OSError:
            tests = ""
        named = [path for path in learner if path.suffix == ".py" and path.stem not in ("__init__", "__main__")]
        mentioned = [path for path in named if path.stem in tests]
        if mentioned:
            return min(mentioned, key=lambda path: tests.index(path.stem))
    ranked = sorted(learner, key=lambda path: (path.stem != exercise.slug, path.suffix != ".py", _dunder(path)))
    return ranked[0] if ranked else exercise.path / "README.md"


def _dunder(path: Path) -> bool:
    return path.stem.startswith("__")


def open_in_editor(paths: list[Path]) -> bool:
    """Open files with `code` when running in VS Code's terminal; True if that happened."""
    code = shutil.which("code")
    if os.environ.get("TERM_PROGRAM") != "vscode" or code is None:
        return False
    subprocess.run([code, *map(str, paths)], check=False, timeout=30)
    return True


def main(state: AppState) -> int:
    exercise = state.next_unsolved(after=state.current())  # the same kata as the watcher's n key
    if exercise is None:
        state.console.print(Text(messages.ALL_SOLVED, style="bold green"))
        return 0
    state.progress.set_current(exercise.slug)
    path = main_file(exercise)
    state.console.print(Text(messages.NEXT_KATA.format(slug=exercise.slug, path=path.relative_to(state.root))))
    print(path.relative_to(state.root))
    open_in_editor([exercise.path / "README.md", path])
    return 0
