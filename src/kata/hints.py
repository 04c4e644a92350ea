"""`kata hint [KATA]`: reveal the next hint, one at a time. Revealed hints are remembered in `.kata/`."""

from __future__ import annotations

from rich.markdown import Markdown
from rich.panel import Panel
from rich.text import Text

from kata import messages
from kata.state import AppState
from kata.workspace import Exercise


def reveal_next(state: AppState, exercise: Exercise, next_step: str = messages.HINT_NEXT) -> None:
    """Show the hints seen so far plus one more (the last one again once all are out)."""
    console = state.console
    hints = exercise.hints
    if not hints:
        console.print(Text(messages.NO_HINTS.format(slug=exercise.slug), style="yellow"))
        return
    seen = min(state.progress.hints_seen(exercise.slug) + 1, len(hints))
    state.progress.set_hints_seen(exercise.slug, seen)
    title = messages.HINT.format(number=seen, total=len(hints), slug=exercise.slug)
    console.print(Panel(Markdown(hints[seen - 1]), title=title, title_align="left", border_style="cyan"))
    if seen == len(hints):
        console.print(Text(messages.HINTS_EXHAUSTED.format(slug=exercise.slug), style="dim"))
    else:
        console.print(Text(next_step.format(slug=exercise.slug), style="dim"))


def main(state: AppState, name: str | None) -> int:
    reveal_next(state, state.pick(name))
    return 0
