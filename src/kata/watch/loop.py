"""The watch loop: one queue of events, one `tick` that handles the next one.

`tick` waits for an event (or for the next deadline: the end of a debounce
window, the hard timeout of a running check, the periodic health check of the
file watcher), handles it and returns whether to keep going. Tests drive it
with a fake runner, a fake clock and a recording screen.
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable
from pathlib import Path

from kata import messages
from kata.commands.check import milestone_targets, prepare, remember_milestones
from kata.engine.outcome import Outcome, failure_of
from kata.engine.runner import RunHandle
from kata.state import AppState, fingerprint
from kata.watch.events import Event, FileChanged, KeyPressed, RunFinished, TestReported, relevant
from kata.watch.health import SaveWitness
from kata.watch.keys import lookup
from kata.watch.ports import RunnerLike, ScreenLike, WatcherLike
from kata.workspace import Exercise, exercise_for

DEBOUNCE = 0.03
"""Seconds to wait for the rest of a burst of file events (editors save in several steps)."""
HEALTH_INTERVAL = 2.0
"""Seconds between checks that file events still arrive."""


class WatchLoop:
    def __init__(
        self,
        state: AppState,
        *,
        runner: RunnerLike,
        events: queue.Queue[Event],
        screen: ScreenLike,
        watcher: WatcherLike,
        current: Exercise,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.state = state
        self.runner = runner
        self.events = events
        self.screen = screen
        self.watcher = watcher
        self.current = current
        self.clock = clock
        self.pending: tuple[Exercise, list[Path] | None] | None = None
        self.pending_at = 0.0
        self.running: RunHandle | None = None
        self.run_id = 0
        self.run_fingerprint = ""
        self.run_targets: list[Path] | None = None
        self.diff_armed: str | None = None
        self.last: Outcome | None = None
        self.failure_shown = False
        self.stopped = False
        self.told_polling = False
        self.noted: set[Path] = set()
        self.seen_events = 0
        self.witness = self._witness()
        self.next_health = clock() + HEALTH_INTERVAL

    # -- the tick -------------------------------------------------------------------------------

    def tick(self, *, wait: bool = True) -> bool:
        """Handle the next event or deadline (waiting for one unless told not to); False once the learner quits."""
        try:
            event: Event | None = self.events.get(timeout=self._wait()) if wait else self.events.get_nowait()
        except queue.Empty:
            event = None
        if event is not None:
            self.handle(event)
        self._deadlines()
        return not self.stopped

    def _wait(self) -> float:
        now = self.clock()
        deadlines = [self.next_health]
        if self.pending is not None:
            deadlines.append(self.pending_at)
        if self.running is not None:
            deadlines.append(self.running.started + self.runner.hard_timeout)
        return max(0.0, min(deadlines) - now)

    def _deadlines(self) -> None:
        now = self.clock()
        if self.running is not None and now >= self.running.started + self.runner.hard_timeout:
            self.running.kill("timeout")
        if self.pending is not None and now >= self.pending_at and self.running is None:
            exercise, targets = self.pending
            self.pending = None
            self.start(exercise, targets)
        if now >= self.next_health:
            self.next_health = now + HEALTH_INTERVAL
            self._health_check()

    def handle(self, event: Event) -> None:
        if isinstance(event, FileChanged):
            self.seen_events += 1
            self.file_changed(event.path)
        elif isinstance(event, KeyPressed):
            key = lookup(event.key)
            if key is not None:
                getattr(self, key.action)()
        elif isinstance(event, RunFinished):
            self.finished(event.run_id)
        elif isinstance(event, TestReported):
            self.reported(event)
        else:
            self.fall_back_to_polling(event.reason)

    # -- file events and runs ---------------------------------------------------------------------

    def file_changed(self, path: Path) -> None:
        if not relevant(path):
            return
        exercise = exercise_for(path, self.state.exercises)
        if exercise is None or not exercise.path.is_dir():
            self.state.refresh()
            exercise = exercise_for(path, self.state.exercises)
        if exercise is None:
            if path.suffix == ".py" and path.exists() and path not in self.noted:
                self.noted.add(path)
                self.screen.note(messages.WATCH_NOT_A_KATA.format(path=_relative(path, self.state.root)))
            return
        self.witness.saw(path)
        self.schedule(exercise, milestone_targets(self.state, exercise, changed=path))

    def schedule(self, exercise: Exercise, targets: list[Path] | None = None, delay: float = DEBOUNCE) -> None:
        """Run `exercise` once the burst of events is over; a run in progress is cancelled."""
        if exercise != self.current:
            self.current = exercise
            self.witness = self._witness()
            self.runner.discard_spare()
            self.runner.warm_for(exercise)
        self.state.progress.set_current(exercise.slug)
        self.pending = (exercise, targets)
        self.pending_at = self.clock() + delay
        if self.running is not None:
            self.running.kill("cancelled")
            self.running = None

    def start(self, exercise: Exercise, targets: list[Path] | None) -> None:
        self.run_id += 1
        self.diff_armed = None
        self.noted.clear()
        self.failure_shown = False
        self.screen.running(exercise)
        to_run, problem = prepare(self.state, exercise, targets)
        if problem is not None:
            self.last = Outcome(exercise.slug, "error", problem=problem)
            self.screen.outcome(exercise, self.last)
            return
        run_id = self.run_id
        self.run_fingerprint = fingerprint(exercise)
        self.run_targets = targets
        self.running = self.runner.start(
            self.runner.job(exercise, to_run),
            on_exit=lambda _: self.events.put(RunFinished(run_id)),
            on_report=lambda report: self.events.put(TestReported(run_id, report)),
        )

    def reported(self, event: TestReported) -> None:
        """A test of the running check ended: the first failure goes on screen at once, with its evidence."""
        if event.run_id != self.run_id or self.running is None or self.failure_shown:
            return
        test = event.report.get("test")
        if not isinstance(test, dict) or test.get("status") not in ("fail", "error"):
            return
        place = event.report.get("place")
        self.failure_shown = True
        failure = failure_of(test, place if isinstance(place, dict) else None, self.state.root)
        self.screen.first_failure(self.current, failure)

    def finished(self, run_id: int) -> None:
        if run_id != self.run_id or self.running is None:
            return  # a cancelled run
        handle, self.running = self.running, None
        outcome = self.runner.outcome(handle)
        if outcome.ok and outcome.shortened:  # green with short properties: solved only once the full ones pass
            self.screen.note(messages.WATCH_CONFIRMING.format(passed=outcome.passed, total=outcome.total))
            self.schedule(self.current, self.run_targets, delay=0.0)
            return
        remember_milestones(self.state, self.current)
        if self.run_targets is None:
            self.state.progress.record(
                self.current.slug, self.run_fingerprint, outcome.status, outcome.passed, outcome.total
            )
        self.last = outcome
        self.screen.outcome(self.current, outcome)
        self.runner.learn(handle)  # after the result is on screen: the next run starts warmer
        self.stand_by()

    def stand_by(self) -> None:
        """Have a spare child do pytest's start-up for the next save of the current exercise now."""
        to_run, problem = prepare(self.state, self.current, milestone_targets(self.state, self.current))
        if problem is None:
            self.runner.standby(self.runner.job(self.current, to_run))

    # -- the watcher's health ---------------------------------------------------------------------

    def _witness(self) -> SaveWitness:
        return SaveWitness([*self.current.learner_files(), *self.current.test_files()])

    def _health_check(self) -> None:
        """Fall back to polling when the watcher died, or a file changed but no event came."""
        if self.watcher.polling:
            return
        if not self.watcher.healthy():
            self.fall_back_to_polling("the file watcher stopped")
            return
        silent = self.witness.missed()
        if silent and self.pending is None and self.running is None:
            self.fall_back_to_polling(f"a save of {silent[0].name} produced no file event")
            self.schedule(self.current, milestone_targets(self.state, self.current, changed=silent[0]))

    def fall_back_to_polling(self, reason: str) -> None:
        if not self.watcher.polling:
            self.watcher.switch_to_polling(reason)
        if not self.told_polling:
            self.told_polling = True
            self.screen.note(messages.WATCH_POLLING.format(reason=reason))

    # -- keys -------------------------------------------------------------------------------------

    def hint(self) -> None:
        self.screen.hint(
            self.current, self.last if self.last is not None and self.last.slug == self.current.slug else None
        )

    def verbose(self) -> None:
        """Every failure of the last run in full."""
        if self.last is not None and self.last.slug == self.current.slug:
            self.screen.details(self.current, self.last)

    def next_kata(self) -> None:
        following = self.state.next_unsolved(after=self.current)
        if following is None:
            self.screen.note(messages.ALL_SOLVED)
            return
        self.schedule(following, delay=0.0)

    def show_list(self) -> None:
        self.screen.listing()

    def diff(self) -> None:
        slug = self.current.slug
        if slug in self.state.progress.solved() or self.diff_armed == slug:
            self.diff_armed = None
            self.screen.diff(self.current)
        else:
            self.diff_armed = slug
            self.screen.note(messages.WATCH_PRESS_D_AGAIN.format(slug=slug))

    def rerun(self) -> None:
        self.schedule(self.current, milestone_targets(self.state, self.current), delay=0.0)

    def quit(self) -> None:
        if self.running is not None:
            self.running.kill("cancelled")
            self.running = None
        self.runner.discard_spare()
        self.stopped = True


def _relative(path: Path, root: Path) -> Path:
    try:
        return path.resolve().relative_to(root.resolve())
    except ValueError:
        return path
