"""`kata-ptw`: what plain `ptw` (pytest-watch) runs in this workspace, configured in pyproject.toml.

pytest-watch runs this before each of its runs (`beforerun`; its own runner is `true`, so the workspace's
self-check never starts on a save). It checks the kata, or the project milestone, of the file saved last,
and shows the outcome as `kata check` does, evidence included.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console

from kata import render
from kata.commands.check import milestone_targets, milestones, run_check, warn_edited_tests
from kata.engine.preload import warm_workspace
from kata.engine.runner import WATCH_TEST_TIMEOUT, Runner
from kata.state import AppState, KataError
from kata.watch.events import relevant
from kata.workspace import Exercise, exercise_for, find_root


def last_saved(state: AppState) -> Path | None:
    """The file of a kata or project changed most recently (caches and databases aside)."""
    newest: tuple[float, Path | None] = (0.0, None)
    for folder in (state.root / "katas", state.root / "projects"):
        for path in folder.rglob("*"):
            if not relevant(path) or not path.is_file():
                continue
            stamp = path.stat().st_mtime
            if stamp > newest[0]:
                newest = (stamp, path)
    return newest[1]


def target(state: AppState) -> tuple[Exercise, Path | None]:
    """The exercise to check, and the file that chose it."""
    saved = last_saved(state)
    exercise = exercise_for(saved, state.exercises) if saved is not None else None
    return (exercise, saved) if exercise is not None else (state.pick(None), None)


def main() -> int:
    console = Console(highlight=False)
    try:
        state = AppState.load(find_root(), console)
        exercise, saved = target(state)
    except (LookupError, KataError) as error:
        console.print(str(error))
        return 2
    state.progress.set_current(exercise.slug)
    warm_workspace(state.root)
    render.begin(console, exercise.slug)
    outcome = run_check(
        state,
        Runner(state.root, test_timeout=WATCH_TEST_TIMEOUT),
        exercise,
        milestone_targets(state, exercise, changed=saved),
    )
    following = state.next_unsolved(after=exercise)
    render.show(console, outcome, following.slug if following else None, milestones=milestones(state, exercise))
    warn_edited_tests(state, exercise)
    render.end(console, outcome)
    return 0 if outcome.ok else 1


if __name__ == "__main__":
    sys.exit(main())
