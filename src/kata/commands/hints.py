"""`kata hint [KATA]`: reveal the next hint of the task whose test fails first, one at a time.

Hints come from the kata's ladders (`solutions/<kata>/kata.toml`, `[hints]`, one per task); a kata or project
without ladders has general hints. Revealed hints are remembered per task in `.kata/progress.json`.
"""

from __future__ import annotations

import json

from rich.markdown import Markdown
from rich.panel import Panel
from rich.text import Text

from kata import messages
from kata.engine.outcome import Outcome
from kata.state import AppState, fingerprint
from kata.workspace import Exercise

PASSING = "pass"


def failing_task(outcome: Outcome) -> int | str | None:
    """The task number of the first failing test; PASSING when every test passes; None when unknown."""
    if outcome.ok:
        return PASSING
    return outcome.failures[0].task if outcome.failures else None


def last_failing_task(state: AppState, exercise: Exercise) -> int | str | None:
    """`failing_task` of the last run, if it ran on the files as they are now; else run the tests first."""
    if state.progress.cached(exercise.slug, fingerprint(exercise)) is not None:
        try:
            tests = json.loads(state.results_path(exercise).read_text(encoding="utf-8")).get("tests", [])
        except (OSError, ValueError):
            tests = None
        if tests:
            failing = [test for test in tests if test.get("status") in ("fail", "error")]
            if not failing:
                return PASSING
            task = failing[0].get("task_id")
            return task if isinstance(task, int) else None
    from kata.commands.check import run_warm

    with state.console.status(messages.HINT_RUNNING.format(slug=exercise.slug)):
        return failing_task(run_warm(state, exercise))


def reveal_next(
    state: AppState, exercise: Exercise, task: int | str | None, next_step: str = messages.HINT_NEXT
) -> None:
    """Show the next hint of `task`'s ladder (the last one again once all are out)."""
    console = state.console
    if task == PASSING:
        console.print(Text(messages.HINT_ALL_PASS.format(slug=exercise.slug), style="green"))
        return
    number = task if isinstance(task, int) else None
    ladders = exercise.hint_ladders
    ladder = str(number) if str(number) in ladders else "general"
    hints = exercise.hints_for(number)
    if not hints:
        console.print(Text(messages.NO_HINTS.format(slug=exercise.slug), style="yellow"))
        return
    seen = min(state.progress.hints_seen(exercise.slug, ladder) + 1, len(hints))
    state.progress.set_hints_seen(exercise.slug, seen, ladder)
    if ladder == "general":
        title = messages.HINT.format(number=seen, total=len(hints), slug=exercise.slug)
    else:
        title = messages.TASK_HINT.format(task=ladder, number=seen, total=len(hints), slug=exercise.slug)
    console.print(Panel(Markdown(hints[seen - 1]), title=title, title_align="left", border_style="cyan"))
    if seen == len(hints):
        console.print(Text(messages.HINTS_EXHAUSTED.format(slug=exercise.slug), style="dim"))
    else:
        console.print(Text(next_step.format(slug=exercise.slug), style="dim"))


def main(state: AppState, name: str | None) -> int:
    exercise = state.pick(name)
    reveal_next(state, exercise, last_failing_task(state, exercise))
    return 0
