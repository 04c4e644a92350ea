"""What `kata watch` draws: a fresh screen per run, with the parseable lines described in `kata.render`."""

from __future__ import annotations

from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from kata import diff, hints, listing, messages, render
from kata.check import warn_edited_tests
from kata.next import main_file
from kata.outcome import Outcome
from kata.state import AppState
from kata.watch.keys import menu
from kata.watch.ports import WatcherLike
from kata.workspace import Exercise


class Screen:
    def __init__(self, state: AppState, watcher: WatcherLike | None = None) -> None:
        self.state = state
        self.watcher = watcher

    @property
    def console(self) -> Console:
        return self.state.console

    def header(self, exercise: Exercise) -> None:
        self.console.print(Rule(Text(f"{exercise.slug}  ({exercise.relpath})", style="bold")))
        edit = main_file(exercise).relative_to(self.state.root)
        self.console.print(Text(messages.WATCH_START.format(path=edit), style="dim"))
        if self.watcher is not None and self.watcher.polling:
            self.console.print(Text(messages.WATCH_POLLING_NOW, style="dim"))

    def progress(self) -> None:
        """The whole curriculum's progress bar, counting the run that just ended."""
        results = self.state.progress.load().get("results", {})
        slugs = {ex.slug for ex in self.state.exercises}
        done = sum(1 for slug, entry in results.items() if slug in slugs and entry.get("status") == "pass")
        render.progress_bar(self.console, done, len(self.state.exercises))

    def running(self, exercise: Exercise) -> None:
        self.console.clear()
        self.header(exercise)
        render.begin(self.console, exercise.slug)

    def outcome(self, exercise: Exercise, outcome: Outcome) -> None:
        following = self.state.next_unsolved(after=exercise)
        render.show(self.console, outcome, following.slug if following else None)
        if outcome.ok:
            self.console.print(Text(f"{outcome.passed}/{outcome.total} tests pass.", style="green"))
        warn_edited_tests(self.state, exercise)
        self.progress()
        render.end(self.console, outcome)
        self.menu()

    def note(self, text: str) -> None:
        self.console.print(Text(text, style="yellow"))

    def menu(self) -> None:
        self.console.print(menu())

    def hint(self, exercise: Exercise) -> None:
        hints.reveal_next(self.state, exercise, messages.WATCH_HINT_NEXT)
        self.menu()

    def listing(self) -> None:
        listing.show(self.state, run=False)
        self.menu()

    def diff(self, exercise: Exercise) -> None:
        try:
            diff.print_diff(self.console, self.state.root, exercise)
        except Exception as error:  # no solution, unreadable file: say so and keep watching
            self.note(str(error))
        self.menu()
