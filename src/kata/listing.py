"""`kata list`: every kata and project by topic, done / failing / not started.

A status comes from running the tests, cached in `.kata/progress.json` under a
hash of the exercise's files, so a second call runs nothing. Exercises that
need a run are checked one after another in children of one warm process.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text

from kata import render
from kata.check import run_check
from kata.runner import Runner, warm
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


def statuses(state: AppState, *, run: bool = True) -> list[Row]:
    """The status of every exercise, running the tests of those whose files changed since their last run."""
    summaries: dict[str, dict[str, object] | None] = {}
    stale = []
    for exercise in state.exercises:
        summaries[exercise.slug] = state.progress.cached(exercise.slug, fingerprint(exercise))
        if summaries[exercise.slug] is None:
            stale.append(exercise)
    if run and stale:
        runner = Runner(state.root)
        with state.console.status("Loading pytest and the frameworks...") as spinner:
            warm()
            for number, exercise in enumerate(stale, 1):
                spinner.update(f"Running the tests of {exercise.slug} ({number}/{len(stale)})...")
                run_check(state, runner, exercise)
                summaries[exercise.slug] = state.progress.last(exercise.slug)
    unstarted = [ex for ex in state.exercises if _no_pass(summaries[ex.slug])]
    learner_files = [path for ex in unstarted for path in ex.learner_files() if path.exists()]
    try:
        edited = set(changed_from_head(state.root, learner_files) or [])
    except Exception:
        edited = set()
    rows = []
    for exercise in state.exercises:
        summary = summaries[exercise.slug]
        if summary is None:
            rows.append(Row(exercise, "not checked", 0, 0))
            continue
        passed, total = int(str(summary.get("passed", 0))), int(str(summary.get("total", 0)))
        if summary.get("status") == "pass":
            status = "done"
        elif passed or any(path in edited for path in exercise.learner_files()):
            status = "failing"
        else:
            status = "not started"
        rows.append(Row(exercise, status, passed, total))
    return rows


def _no_pass(summary: dict[str, object] | None) -> bool:
    return summary is not None and summary.get("status") != "pass" and not summary.get("passed")


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
            Text(row.status, style=STYLES[row.status]),
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
