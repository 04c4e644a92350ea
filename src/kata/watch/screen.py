"""What `kata watch` draws: a fresh screen per run, with the parseable lines described in `kata.render`."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from kata import messages, render
from kata.commands import diff, hints, listing
from kata.commands.check import milestones, warn_edited_tests
from kata.commands.next import main_file
from kata.engine.outcome import Failure, Outcome
from kata.state import AppState
from kata.watch.keys import menu
from kata.watch.ports import WatcherLike
from kata.workspace import Exercise


class Screen:
    def __init__(self, state: AppState, watcher: WatcherLike | None = None) -> None:
        self.state = state
        self.watcher = watcher
        self.last: Outcome | None = None
        self.early = False
        """Whether the running check's first failure is already on screen (drawn before the run ended)."""

    @property
    def console(self) -> Console:
        return self.state.console

    def edit_target(self, exercise: Exercise, last: Outcome | None) -> Path:
        """The file to edit: where the last run's first failure points, else the kata's (or milestone's) file."""
        failure = None
        if last is not None and last.slug == exercise.slug and last.failures:
            failure = (self.state.root / last.failures[0].path).resolve()
        status = milestones(self.state, exercise)
        milestone = self.state.root / status.next if status is not None and status.next else None
        return main_file(exercise, failure, milestone)

    def header(self, exercise: Exercise, last: Outcome | None = None) -> None:
        self.console.print(Rule(Text(f"{exercise.slug}  ({exercise.relpath})", style="bold")))
        edit = self.edit_target(exercise, last).relative_to(self.state.root)
        readme = (exercise.path / "README.md").relative_to(self.state.root)
        self.console.print(Text(messages.WATCH_START.format(path=edit, readme=readme), style="dim"))
        if self.watcher is not None and self.watcher.polling:
            self.console.print(Text(messages.WATCH_POLLING_NOW, style="dim"))

    def progress(self) -> None:
        """The whole curriculum's progress bar, counting the run that just ended."""
        results = self.state.progress.load().get("results", {})
        slugs = {ex.slug for ex in self.state.exercises}
        done = sum(1 for slug, entry in results.items() if slug in slugs and entry.get("status") == "pass")
        render.progress_bar(self.console, done, len(self.state.exercises))

    def running(self, exercise: Exercise) -> None:
        self.early = False
        self.console.clear()
        self.header(exercise, self.last)
        render.begin(self.console, exercise.slug)

    def first_failure(self, exercise: Exercise, failure: Failure) -> None:
        """The run's first failure, with its evidence, while the other tests still run."""
        self.early = True
        render.plain(self.console, failure.line_text())
        render.evidence(self.console, failure)
        self.console.print(Text(messages.WATCH_STILL_RUNNING, style="dim"))

    def outcome(self, exercise: Exercise, outcome: Outcome) -> None:
        if self.early:  # the screen so far showed one failure early: draw it whole, in the tests' order
            self.early = False
            self.console.clear()
            self.header(exercise, outcome)
            render.begin(self.console, exercise.slug)
        self.last = outcome
        following = self.state.next_unsolved(after=exercise)
        render.show(
            self.console, outcome, following.slug if following else None, milestones=milestones(self.state, exercise)
        )
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

    def hint(self, exercise: Exercise, last: Outcome | None) -> None:
        task = hints.failing_task(last) if last is not None else hints.last_failing_task(self.state, exercise)
        hints.reveal_next(self.state, exercise, task, messages.WATCH_HINT_NEXT)
        self.menu()

    def details(self, exercise: Exercise, outcome: Outcome) -> None:
        """Every failure of the last run, each with its evidence."""
        self.console.clear()
        self.header(exercise, outcome)
        render.failures(self.console, outcome, verbose=True)
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
