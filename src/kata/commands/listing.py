"""`kata list`: every kata and project by topic, done / failing / not started.

A status comes from running the tests, cached in `.kata/progress.json` under a
hash of the exercise's files, so a second call runs nothing. Exercises that
need a run are checked in children of one warm process, one per CPU (up to four) at a time.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text

from kata import render
from kata.commands.check import milestones, missing_files, remember_milestones, run_check
from kata.engine.preload import warm_workspace
from kata.engine.runner import RunHandle, Runner
from kata.state import AppState, fingerprint
from kata.vcs import changed_from_head
from kata.workspace import Exercise

STYLES = {"done": "green", "failing": "yellow", "not started": "dim", "not checked": "dim italic"}


@dataclass(frozen=True)
class Row:
    exercise: Exercise
    status: str
    passed: int
    total: int
    milestone: str = ""


def run_many(state: AppState, runner: Runner, exercises: list[Exercise], progress: Callable[[str], None]) -> None:
    """Check `exercises`, as many at once as there are CPUs (up to 4), recording each result."""
    width = max(1, min(os.cpu_count() or 1, 4))
    waiting = list(exercises)
    running: list[tuple[Exercise, str, RunHandle]] = []
    finished = 0
    while waiting or running:
        while waiting and len(running) < width:
            exercise = waiting.pop(0)
            if missing_files(exercise):
                run_check(state, runner, exercise)  # explains the missing file without a run
                finished += 1
                continue
            running.append((exercise, fingerprint(exercise), runner.start(runner.job(exercise))))
        for item in list(running):
            exercise, digest, handle = item
            if not handle.wait(0.02) and time.monotonic() - handle.started < runner.hard_timeout:
                continue
            if not handle.done.is_set():
                handle.kill("timeout")
                handle.wait()
            runner.learn(handle)
            outcome = runner.outcome(handle)
            remember_milestones(state, exercise)
            state.progress.record(exercise.slug, digest, outcome.status, outcome.passed, outcome.total)
            running.remove(item)
            finished += 1
            progress(f"Checked {exercise.slug} ({finished}/{len(exercises)})...")


def statuses(state: AppState, *, run: bool = True) -> list[Row]:
    """The status of every exercise, running the tests of those whose files changed since their last run.

    Done: the last run passed. Not started: the learner's files are as committed (then nothing runs) or,
    outside git, no test passes. Failing: anything else.
    """
    learner_files = [path for ex in state.exercises for path in ex.learner_files() if path.exists()]
    edited = changed_from_head(state.root, learner_files)

    def untouched(exercise: Exercise) -> bool:
        """As committed: nothing to run, it cannot pass yet."""
        if edited is None:
            return False
        return not any(path in edited or not path.exists() for path in exercise.learner_files())

    summaries: dict[str, dict[str, object] | None] = {}
    stale = []
    for exercise in state.exercises:
        summaries[exercise.slug] = state.progress.cached(exercise.slug, fingerprint(exercise))
        if summaries[exercise.slug] is None and not untouched(exercise):
            stale.append(exercise)
    if run and stale:
        runner = Runner(state.root)
        with state.console.status("Loading pytest and the frameworks...") as spinner:
            warm_workspace(state.root)
            run_many(state, runner, stale, spinner.update)
        for exercise in stale:
            summaries[exercise.slug] = state.progress.last(exercise.slug)
    rows = []
    for exercise in state.exercises:
        summary = summaries[exercise.slug]
        if summary is None:
            rows.append(Row(exercise, "not started" if untouched(exercise) else "not checked", 0, 0))
            continue
        passed, total = int(str(summary.get("passed", 0))), int(str(summary.get("total", 0)))
        if summary.get("status") == "pass":
            status = "done"
        elif edited is None:
            status = "failing" if passed else "not started"
        else:
            started = any(path in edited or not path.exists() for path in exercise.learner_files())
            status = "failing" if started else "not started"
        rows.append(Row(exercise, status, passed, total, _milestone(state, exercise, status)))
    return rows


def _milestone(state: AppState, exercise: Exercise, status: str) -> str:
    """`milestone 2 of 4` for a project under way (the first milestone not passing yet)."""
    progress = milestones(state, exercise)
    if progress is None or status == "done" or progress.done == 0:
        return ""
    return f"milestone {progress.current} of {progress.total}"


def table(rows: list[Row], current: str | None) -> Table:
    grid = Table(title="Backend Katas", show_lines=False, expand=False)
    grid.add_column("topic", style="bold")
    grid.add_column("#", justify="right")
    grid.add_column("kata")
    grid.add_column("status")
    grid.add_column("tests", justify="right")
    topic = None
    for row in rows:
        if row.exercise.topic != topic:
            if topic is not None:
                grid.add_section()
            topic = row.exercise.topic
            label = topic
        else:
            label = ""
        marker = " ◀ current" if row.exercise.slug == current else ""
        tests = f"{row.passed}/{row.total}" if row.total else ""
        grid.add_row(
            label,
            row.exercise.path.name[:2],
            Text(row.exercise.slug + marker),
            Text(f"{row.status}, {row.milestone}" if row.milestone else row.status, style=STYLES[row.status]),
            tests,
        )
    return grid


def show(state: AppState, *, run: bool = True) -> list[Row]:
    rows = statuses(state, run=run)
    current = state.current()
    state.console.print(table(rows, current.slug if current else None))
    render.progress_bar(state.console, sum(row.status == "done" for row in rows), len(rows))
    return rows


def main(state: AppState) -> int:
    show(state)
    return 0
